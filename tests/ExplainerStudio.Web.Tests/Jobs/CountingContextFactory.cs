using System.Data.Common;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExplainerStudio.Web.Tests.Jobs;

/// <summary>
/// Contexts over a studio's real SQLite file that count the UPDATE statements they run, and how many of those ran
/// while the test thread was inside a call marked with <see cref="Reporting"/>.
/// </summary>
public sealed class CountingContextFactory : IDbContextFactory<StudioDbContext>
{
    [ThreadStatic]
    private static bool t_reporting;

    private readonly DbContextOptions<StudioDbContext> _options;
    private int _updates;
    private int _updatesWhileReporting;

    public CountingContextFactory(string databasePath)
    {
        _options = new DbContextOptionsBuilder<StudioDbContext>()
            .UseSqlite($"Data Source={databasePath};Pooling=True;Foreign Keys=True")
            .AddInterceptors(new Counter(this))
            .Options;
    }

    public int Updates => Volatile.Read(ref _updates);

    public int UpdatesWhileReporting => Volatile.Read(ref _updatesWhileReporting);

    public void Reset()
    {
        Volatile.Write(ref _updates, 0);
        Volatile.Write(ref _updatesWhileReporting, 0);
    }

    /// <summary>Runs <paramref name="report"/> marked, so that a statement run inside it is seen as run by the reporter.</summary>
    public static void Reporting(Action report)
    {
        t_reporting = true;
        try
        {
            report();
        }
        finally
        {
            t_reporting = false;
        }
    }

    public StudioDbContext CreateDbContext() => new(_options);

    private void Count(DbCommand command)
    {
        if (command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _updates);
            if (t_reporting)
            {
                Interlocked.Increment(ref _updatesWhileReporting);
            }
        }
    }

    private sealed class Counter(CountingContextFactory owner) : DbCommandInterceptor
    {
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            owner.Count(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            owner.Count(command);
            return ValueTask.FromResult(result);
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Appends <c>FOR UPDATE SKIP LOCKED</c> to the PostgreSQL queries tagged by <see cref="RowLocks.ForUpdateSkipLocked"/>:
/// EF Core's LINQ has no locking clause, and the tag keeps the query itself (its filter and order) in LINQ.
/// </summary>
internal sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    private static readonly string TagLine = "-- " + RowLocks.SkipLockedTag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        AddLockingClause(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        AddLockingClause(command);
        return ValueTask.FromResult(result);
    }

    private static void AddLockingClause(DbCommand command)
    {
        if (command.CommandText.StartsWith(TagLine, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
        }
    }
}

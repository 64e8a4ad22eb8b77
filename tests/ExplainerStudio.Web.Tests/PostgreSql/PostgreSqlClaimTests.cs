using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExplainerStudio.Web.Tests.PostgreSql;

/// <summary>Claims on PostgreSQL lock the job row (FOR UPDATE SKIP LOCKED): competing workers skip it instead of waiting or colliding.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlClaimTests : IDisposable
{
    // A guard so that a claim that waited on the lock fails the test instead of hanging it; no time is asserted.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly IReadOnlyDictionary<string, string?> _database;
    private readonly RenderStudio _studio;

    public PostgreSqlClaimTests(PostgresServerFixture postgres)
    {
        _database = postgres.NewDatabaseSettings();
        _studio = new RenderStudio(new Dictionary<string, string?>(_database) { ["Rendering:RunWorkers"] = "false" });
    }

    [Fact]
    public async Task JobLockedByAnotherTransaction_IsSkipped_AndTheClaimTakesTheNextOne()
    {
        var jobs = await QueueAsync(2);
        using var guard = new CancellationTokenSource(Guard);
        await using var other = new NpgsqlConnection(_database["Data:ConnectionString"] + ";Pooling=false");
        await other.OpenAsync(guard.Token);
        await using var lockTransaction = await other.BeginTransactionAsync(guard.Token);
        await using (var lockFirst = new NpgsqlCommand($"SELECT \"Id\" FROM \"RenderJobs\" WHERE \"Id\" = {jobs[0]} FOR UPDATE", other, lockTransaction))
        {
            await lockFirst.ExecuteScalarAsync(guard.Token);
        }

        var whileLocked = await Store().ClaimAsync(guard.Token);
        await lockTransaction.RollbackAsync(guard.Token);
        var afterwards = await Store().ClaimAsync(guard.Token);

        Assert.Equal(jobs[1], whileLocked?.Id);
        Assert.Equal(jobs[0], afterwards?.Id);
    }

    [Fact]
    public async Task TwoClaimersOnTheirOwnConnections_NeverGetTheSameJob()
    {
        var jobs = await QueueAsync(16);
        var stores = new[] { Store(), Store() };
        using var guard = new CancellationTokenSource(Guard);
        using var start = new Barrier(stores.Length);

        var claimed = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            start.SignalAndWait(guard.Token);
            var mine = new List<int>();
            while (await store.ClaimAsync(guard.Token) is { } job)
            {
                mine.Add(job.Id);
            }
            return (store.Owner.Id, Jobs: mine);
        })));

        var all = claimed.SelectMany(c => c.Jobs).ToList();
        Assert.Equal(jobs.Order(), all.Order());
        await using var db = _studio.Db();
        var rows = await db.RenderJobs.AsNoTracking().ToDictionaryAsync(j => j.Id);
        foreach (var (owner, mine) in claimed)
        {
            Assert.All(mine, id => Assert.Equal((RenderJobStatus.Running, 1, owner), (rows[id].Status, rows[id].Attempts, rows[id].LeaseOwner)));
        }
    }

    public void Dispose() => _studio.Dispose();

    private async Task<List<int>> QueueAsync(int count)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: count);
        var queue = _studio.Get<RenderQueue>();
        var jobs = new List<int>();
        foreach (var shot in shots)
        {
            jobs.Add(await queue.GenerateShotAsync(shot, owner));
        }
        return jobs;
    }

    private JobStore<RenderJob> Store() => new(
        _studio.Get<IDbContextFactory<StudioDbContext>>(), new RenderJobKind(), new JobOwner(),
        Options.Create(new JobOptions()), TimeProvider.System);
}

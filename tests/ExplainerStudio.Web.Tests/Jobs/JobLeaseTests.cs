using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExplainerStudio.Web.Tests.Jobs;

/// <summary>Two workers (two owners) over one real database, on a clock the test moves.</summary>
public class JobLeaseTests : IDisposable
{
    private static readonly JobOptions Lease = new() { LeaseSeconds = 30, HeartbeatSeconds = 5 };
    private readonly RenderStudio _studio;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public JobLeaseTests()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The same tests on another database (<paramref name="database"/>: its Data settings).</summary>
    protected JobLeaseTests(IReadOnlyDictionary<string, string?> database) =>
        _studio = new(new Dictionary<string, string?>(database) { ["Rendering:RunWorkers"] = "false" });

    [Fact]
    public async Task ExpiredLease_IsReclaimedByAnotherWorker_AndTheFirstWorkerLosesTheJob()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var first = Store();
        var second = Store();

        var claimed = await first.ClaimAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(20));
        var beforeExpiry = await second.FindAbandonedAsync(CancellationToken.None);
        Assert.Equal(JobBeat.Held, await first.BeatAsync(jobId, null, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(29));
        var stillRenewed = await second.FindAbandonedAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = await second.FindAbandonedAsync(CancellationToken.None);
        await Recovery(second).ReclaimAsync();
        var lostBeat = await first.BeatAsync(jobId, null, CancellationToken.None);
        var reclaimed = await second.ClaimAsync(CancellationToken.None);
        var finishedByFirst = await first.FinishAsync(jobId, u => u.SetProperty(j => j.Status, RenderJobStatus.Failed));

        Assert.Equal(jobId, claimed?.Id);
        Assert.Empty(beforeExpiry);
        Assert.Empty(stillRenewed);
        Assert.Equal([jobId], afterExpiry.Select(j => j.Id));
        Assert.Equal(JobBeat.Lost, lostBeat);
        Assert.Equal(jobId, reclaimed?.Id);
        Assert.False(finishedByFirst);
        await using var db = _studio.Db();
        var row = await db.RenderJobs.SingleAsync(j => j.Id == jobId);
        Assert.Equal((RenderJobStatus.Running, 2, second.Owner.Id, 1), (row.Status, row.Attempts, row.LeaseOwner, row.CrashStreak));
    }

    [Fact]
    public async Task ClaimIsOnlyOnce_WhenTwoWorkersRace()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);
        var queue = _studio.Get<RenderQueue>();
        foreach (var shot in shots)
        {
            await queue.GenerateShotAsync(shot, owner);
        }
        var stores = Enumerable.Range(0, 4).Select(_ => Store()).ToList();

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => stores[i % stores.Count].ClaimAsync(CancellationToken.None))));

        var ids = claims.Where(c => c is not null).Select(c => c!.Id).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(3, ids.Distinct().Count());
        await using var db = _studio.Db();
        Assert.All(await db.RenderJobs.ToListAsync(), j => Assert.Equal((RenderJobStatus.Running, 1), (j.Status, j.Attempts)));
    }

    private JobStore<RenderJob> Store() => new(
        _studio.Get<IDbContextFactory<StudioDbContext>>(), new RenderJobKind(), new JobOwner(), Options.Create(Lease), _clock);

    private RenderJobRecovery Recovery(JobStore<RenderJob> store) => new(
        store, _studio.Get<IDbContextFactory<StudioDbContext>>(), _studio.Get<TakeStore>(), _clock, NullLogger<RenderJobRecovery>.Instance);

    public void Dispose() => _studio.Dispose();
}

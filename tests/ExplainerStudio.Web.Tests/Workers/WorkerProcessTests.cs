using System.Globalization;
using System.Security.Cryptography;
using ExplainerStudio.Testing;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Workers;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>
/// Render workers as real OS processes (`worker` verb) sharing one database and one take store with a web studio that
/// renders nothing itself: jobs spread over them with one take each, a killed worker's job is reclaimed once its lease
/// has run out and finished once by the other, and a worker never takes a job whose pack it lacks. Run on SQLite (one
/// file, several processes) and on a real PostgreSQL server, by the two classes that derive from this one.
/// </summary>
public abstract class WorkerProcessTests : IDisposable
{
    // Short enough that the kill test's takeover comes soon; the other tests leave loaded machines room for late beats.
    private const int ShortLeaseSeconds = 3;
    private const int LeaseSeconds = 20;

    // Outside the web node's own temp root, which it deletes when disposed.
    private readonly string _root = Path.Combine(Path.GetTempPath(), "es-workers-" + Guid.NewGuid().ToString("N"));
    private readonly List<WorkerProcess> _workers = [];
    private RenderStudio? _studio;
    private int _leaseSeconds = LeaseSeconds;

    protected WorkerProcessTests()
    {
        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>Where the database is: nothing for SQLite in the data folder, or a PostgreSQL server's settings.</summary>
    protected abstract IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    /// <summary>The web node, started on first use with the lease the test chose.</summary>
    private RenderStudio Web => _studio ??= new RenderStudio(Settings(runWorkers: false));

    private string DataDirectory => Path.Combine(_root, "data");

    private string StoreDirectory => Path.Combine(_root, "shared-takes");

    [Fact]
    public async Task TwoWorkerProcesses_RenderAProjectAcrossBoth_WithOneTakePerJob_InTheSharedStore()
    {
        var owner = await RenderFixtures.AddUserAsync(Web.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(Web.Services, owner, shots: 6);
        var first = await StartWorker("node-a").WaitUntilRegisteredAsync(Web.Services);
        var second = await StartWorker("node-b").WaitUntilRegisteredAsync(Web.Services);

        var jobIds = await Web.Get<RenderQueue>().GenerateProjectAsync(projectId, owner);
        var jobs = new List<RenderJob>();
        foreach (var jobId in jobIds)
        {
            jobs.Add(await RenderFixtures.WaitUntilFinishedAsync(Web.Services, jobId));
        }

        Assert.All(jobs, j => Assert.True(j.Status == RenderJobStatus.Succeeded, $"job {j.Id}: {j.Status} {j.Error}\n{Logs()}"));
        Assert.Equal(shots.Count, jobs.Count);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), jobs.Select(j => j.FinishedBy!).Distinct().Order(StringComparer.Ordinal));
        await using var context = Web.Db();
        var takes = await context.Takes.AsNoTracking().ToListAsync();
        Assert.Equal(jobIds.Order(), takes.Select(t => t.JobId).Order());
        Assert.Equal(jobs.Select(j => j.TakeId).Order(), takes.Select(t => (int?)t.Id).Order());

        // The files are in the shared store, complete, and served by the web node that rendered none of them.
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "takes")));
        var client = Web.ClientFor(owner);
        foreach (var take in takes)
        {
            Assert.Equal(take.ClipSha256, Sha256(Path.Combine(StoreDirectory, take.ClipPath)));
            var keyframe = await client.GetByteArrayAsync($"/api/takes/{take.Id}/keyframe");
            Assert.Equal(take.KeyframeSha256, Convert.ToHexStringLower(SHA256.HashData(keyframe)));
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(StoreDirectory, "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith(FolderTakeFileStore.PartialPrefix, StringComparison.Ordinal));

        var listed = await Web.Get<WorkerDirectory>().ListAsync(owner);
        Assert.Equal(
            [(first.Id, WorkerRole.Worker, "previz"), (second.Id, WorkerRole.Worker, "previz")],
            listed.Select(w => (w.Id, w.Role, string.Join(",", w.Packs))).OrderBy(w => w.Id == first.Id ? 0 : 1));
        var page = await client.GetStringAsync("/queue");
        Assert.Contains("data-testid=\"worker\" data-worker-host=\"node-a\" data-state=\"Idle\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"worker\" data-worker-host=\"node-b\" data-state=\"Idle\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerKilledMidRender_ItsJobIsReclaimedAfterTheLeaseRunsOut_AndFinishedOnceByTheOther()
    {
        _leaseSeconds = ShortLeaseSeconds;
        var owner = await RenderFixtures.AddUserAsync(Web.Services, "Owner");
        // Long enough (240 frames) that the kill lands well inside the render even on a fast machine.
        var (_, shots) = await RenderFixtures.AddProjectAsync(Web.Services, owner, seconds: 20, steps: 20, frameRate: 12);
        var workers = new[] { StartWorker("node-a"), StartWorker("node-b") };
        var rows = new List<Worker>();
        foreach (var worker in workers)
        {
            rows.Add(await worker.WaitUntilRegisteredAsync(Web.Services));
        }

        var jobId = await Web.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var running = await RenderFixtures.WaitForJobAsync(Web.Services, jobId, j => j.Status == RenderJobStatus.Running && j.Phase == "frames");
        var victim = rows.Single(r => r.Id == running.LeaseOwner);
        var survivor = rows.Single(r => r.Id != running.LeaseOwner);
        await workers.Single(w => w.ProcessId == victim.ProcessId).KillAsync();
        // The victim's last heartbeat is in; from here on its lease only runs out.
        var leaseEnd = (await RenderFixtures.WaitForJobAsync(Web.Services, jobId, _ => true)).LeaseExpiresAt!.Value;

        var finished = await RenderFixtures.WaitUntilFinishedAsync(Web.Services, jobId);

        Assert.True(finished.Status == RenderJobStatus.Succeeded, $"{finished.Status}: {finished.Error}\n{Logs()}");
        Assert.Equal(survivor.Id, finished.FinishedBy);
        // The second attempt's claim (its start) came only after the victim's lease had run out.
        Assert.True(finished.StartedAt >= leaseEnd, $"The job was claimed again at {finished.StartedAt:O}, before the killed worker's lease ended at {leaseEnd:O}.");
        await using var context = Web.Db();
        var take = await context.Takes.AsNoTracking().SingleAsync();
        Assert.Equal((jobId, finished.TakeId), (take.JobId, (int?)take.Id));
        var stored = Directory.GetFiles(StoreDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(StoreDirectory, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { take.ClipPath, take.KeyframePath }.Order(StringComparer.Ordinal), stored);

        var listed = (await Web.Get<WorkerDirectory>().ListAsync(owner)).ToDictionary(w => w.Id);
        Assert.Equal(WorkerState.Lost, listed[victim.Id].State);
        Assert.Equal(WorkerState.Idle, listed[survivor.Id].State);
        var page = await Web.ClientFor(owner).GetStringAsync("/queue");
        Assert.Contains($"data-worker-host=\"{victim.Host}\" data-state=\"Lost\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerWithoutTheJobsPack_NeverClaimsIt_AndAWorkerWithThePackDoes()
    {
        var owner = await RenderFixtures.AddUserAsync(Web.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(Web.Services, owner, shots: 2);
        var models = Path.Combine(_root, "models-with-alt");
        CopyDirectory(Path.Combine(RenderFailureTests.StudioRoot(), "models", "previz"), Path.Combine(models, "previz"));
        CopyDirectory(Path.Combine(RenderFailureTests.StudioRoot(), "models", "previz"), Path.Combine(models, "alt"));
        await using (var setup = Web.Db())
        {
            await setup.Shots.Where(s => s.Id == shots[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.ModelPack, "alt"));
        }
        var plain = await StartWorker("node-a").WaitUntilRegisteredAsync(Web.Services);
        var queue = Web.Get<RenderQueue>();

        // The alt job is first in claim order (high priority, older), so the plain worker passes it over to take the other.
        var altJob = await queue.GenerateShotAsync(shots[0], owner, priority: RenderPriority.High);
        var previzJob = await queue.GenerateShotAsync(shots[1], owner, priority: RenderPriority.Normal);
        var other = await RenderFixtures.WaitUntilFinishedAsync(Web.Services, previzJob);
        var waiting = await RenderFixtures.WaitForJobAsync(Web.Services, altJob, _ => true);

        Assert.True(other.Status == RenderJobStatus.Succeeded, $"{other.Status}: {other.Error}\n{Logs()}");
        Assert.Equal(plain.Id, other.FinishedBy);
        Assert.Equal((RenderJobStatus.Queued, 0, "alt"), (waiting.Status, waiting.Attempts, waiting.RequiredPack));
        Assert.Equal(["alt"], await Web.Get<WorkerDirectory>().UnservedPacksAsync());

        var withAlt = await StartWorker("node-b", models).WaitUntilRegisteredAsync(Web.Services);
        var done = await RenderFixtures.WaitUntilFinishedAsync(Web.Services, altJob);

        Assert.True(done.Status == RenderJobStatus.Succeeded, $"{done.Status}: {done.Error}\n{Logs()}");
        Assert.Equal(withAlt.Id, done.FinishedBy);
        await using var context = Web.Db();
        Assert.Equal("alt", (await context.Takes.AsNoTracking().SingleAsync(t => t.JobId == altJob)).PackId);
        Assert.Empty(await Web.Get<WorkerDirectory>().UnservedPacksAsync());
    }

    private WorkerProcess StartWorker(string node, string? modelsDirectory = null)
    {
        var settings = Settings(runWorkers: true);
        settings["Jobs:NodeName"] = node;
        if (modelsDirectory is not null)
        {
            settings["Generation:ModelsDirectory"] = modelsDirectory;
        }
        var worker = new WorkerProcess(settings);
        _workers.Add(worker);
        return worker;
    }

    private Dictionary<string, string?> Settings(bool runWorkers)
    {
        var settings = new Dictionary<string, string?>(RenderStudio.Settings(DataDirectory))
        {
            ["Rendering:RunWorkers"] = runWorkers ? "true" : "false",
            ["TakeStore:Directory"] = StoreDirectory,
            ["Generation:ExecutionProvider"] = "Cpu",
            ["Data:SweepOrphanFiles"] = "false",
            ["Jobs:LeaseSeconds"] = _leaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Jobs:HeartbeatSeconds"] = "0.5",
        };
        foreach (var (key, value) in DatabaseSettings)
        {
            settings[key] = value;
        }
        return settings;
    }

    private string Logs() => string.Join("\n---\n", _workers.Select(w => w.Log));

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
        _studio?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed worker's ffmpeg still held; the temp folder is cleaned by the OS.
        }
    }
}

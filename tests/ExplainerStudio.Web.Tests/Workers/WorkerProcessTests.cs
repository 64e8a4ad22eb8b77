using System.Globalization;
using System.Security.Cryptography;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Workers;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>
/// Render workers as real OS processes (`worker` verb) sharing one database and one take store with a web studio that
/// renders nothing itself: jobs spread over them with one take each, a killed worker's job is reclaimed once its lease
/// has run out and finished once by the other, and a worker never takes a job whose pack it lacks.
/// </summary>
public sealed class WorkerProcessTests : IDisposable
{
    private const int LeaseSeconds = 3;

    // Outside the web node's own temp root, which it deletes when disposed.
    private readonly string _root = Path.Combine(Path.GetTempPath(), "es-workers-" + Guid.NewGuid().ToString("N"));
    private readonly List<WorkerProcess> _workers = [];
    private readonly RenderStudio _web;

    public WorkerProcessTests()
    {
        Directory.CreateDirectory(DataDirectory);
        _web = new RenderStudio(Settings(runWorkers: false));
    }

    private string DataDirectory => Path.Combine(_root, "data");

    private string StoreDirectory => Path.Combine(_root, "shared-takes");

    [Fact]
    public async Task TwoWorkerProcesses_RenderAProjectAcrossBoth_WithOneTakePerJob_InTheSharedStore()
    {
        var owner = await RenderFixtures.AddUserAsync(_web.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_web.Services, owner, shots: 6);
        var first = await StartWorker("node-a").WaitUntilRegisteredAsync(_web.Services);
        var second = await StartWorker("node-b").WaitUntilRegisteredAsync(_web.Services);

        var jobIds = await _web.Get<RenderQueue>().GenerateProjectAsync(projectId, owner);
        var jobs = new List<RenderJob>();
        foreach (var jobId in jobIds)
        {
            jobs.Add(await RenderFixtures.WaitUntilFinishedAsync(_web.Services, jobId));
        }

        Assert.All(jobs, j => Assert.True(j.Status == RenderJobStatus.Succeeded, $"job {j.Id}: {j.Status} {j.Error}\n{Logs()}"));
        Assert.Equal(shots.Count, jobs.Count);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), jobs.Select(j => j.FinishedBy!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(jobs, j => Assert.Equal(1, j.Attempts));
        await using var context = _web.Db();
        var takes = await context.Takes.AsNoTracking().ToListAsync();
        Assert.Equal(jobIds.Order(), takes.Select(t => t.JobId).Order());
        Assert.Equal(jobs.Select(j => j.TakeId).Order(), takes.Select(t => (int?)t.Id).Order());

        // The files are in the shared store, complete, and served by the web node that rendered none of them.
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "takes")));
        var client = _web.ClientFor(owner);
        foreach (var take in takes)
        {
            Assert.Equal(take.ClipSha256, Sha256(Path.Combine(StoreDirectory, take.ClipPath)));
            var keyframe = await client.GetByteArrayAsync($"/api/takes/{take.Id}/keyframe");
            Assert.Equal(take.KeyframeSha256, Convert.ToHexStringLower(SHA256.HashData(keyframe)));
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(StoreDirectory, "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith(FolderTakeFileStore.PartialPrefix, StringComparison.Ordinal));

        var listed = await _web.Get<WorkerDirectory>().ListAsync(owner);
        Assert.Equal(
            [(first.Id, WorkerRole.Worker, "previz"), (second.Id, WorkerRole.Worker, "previz")],
            listed.Select(w => (w.Id, w.Role, string.Join(",", w.Packs))).OrderBy(w => w.Id == first.Id ? 0 : 1));
    }

    [Fact]
    public async Task WorkerKilledMidRender_ItsJobIsReclaimedAfterTheLeaseRunsOut_AndFinishedOnceByTheOther()
    {
        var owner = await RenderFixtures.AddUserAsync(_web.Services, "Owner");
        // Long enough (240 frames) that the kill lands well inside the render even on a fast machine.
        var (_, shots) = await RenderFixtures.AddProjectAsync(_web.Services, owner, seconds: 20, steps: 20, frameRate: 12);
        var workers = new[] { StartWorker("node-a"), StartWorker("node-b") };
        var rows = new List<Worker>();
        foreach (var worker in workers)
        {
            rows.Add(await worker.WaitUntilRegisteredAsync(_web.Services));
        }

        var jobId = await _web.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        var running = await RenderFixtures.WaitForJobAsync(_web.Services, jobId, j => j.Status == RenderJobStatus.Running && j.Phase == "frames");
        var victim = rows.Single(r => r.Id == running.LeaseOwner);
        var survivor = rows.Single(r => r.Id != running.LeaseOwner);
        await workers.Single(w => w.ProcessId == victim.ProcessId).KillAsync();
        // The victim's last heartbeat is in; from here on its lease only runs out.
        var leaseEnd = (await RenderFixtures.WaitForJobAsync(_web.Services, jobId, _ => true)).LeaseExpiresAt!.Value;

        var finished = await RenderFixtures.WaitUntilFinishedAsync(_web.Services, jobId);

        Assert.True(finished.Status == RenderJobStatus.Succeeded, $"{finished.Status}: {finished.Error}\n{Logs()}");
        Assert.Equal((2, survivor.Id), (finished.Attempts, finished.FinishedBy));
        // The second attempt's claim (its start) came only after the victim's lease had run out.
        Assert.True(finished.StartedAt >= leaseEnd, $"The job was claimed again at {finished.StartedAt:O}, before the killed worker's lease ended at {leaseEnd:O}.");
        await using var context = _web.Db();
        var take = await context.Takes.AsNoTracking().SingleAsync();
        Assert.Equal((jobId, finished.TakeId), (take.JobId, (int?)take.Id));
        var stored = Directory.GetFiles(StoreDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(StoreDirectory, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { take.ClipPath, take.KeyframePath }.Order(StringComparer.Ordinal), stored);

        var listed = (await _web.Get<WorkerDirectory>().ListAsync(owner)).ToDictionary(w => w.Id);
        Assert.Equal(WorkerState.Lost, listed[victim.Id].State);
        Assert.Equal(WorkerState.Idle, listed[survivor.Id].State);
    }

    [Fact]
    public async Task WorkerWithoutTheJobsPack_NeverClaimsIt_AndAWorkerWithThePackDoes()
    {
        var owner = await RenderFixtures.AddUserAsync(_web.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_web.Services, owner, shots: 2);
        var models = Path.Combine(_root, "models-with-alt");
        CopyDirectory(Path.Combine(RenderFailureTests.StudioRoot(), "models", "previz"), Path.Combine(models, "previz"));
        CopyDirectory(Path.Combine(RenderFailureTests.StudioRoot(), "models", "previz"), Path.Combine(models, "alt"));
        await using (var setup = _web.Db())
        {
            await setup.Shots.Where(s => s.Id == shots[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.ModelPack, "alt"));
        }
        var plain = await StartWorker("node-a").WaitUntilRegisteredAsync(_web.Services);
        var queue = _web.Get<RenderQueue>();

        // The alt job is first in claim order (high priority, older), so the plain worker passes it over to take the other.
        var altJob = await queue.GenerateShotAsync(shots[0], owner, priority: RenderPriority.High);
        var previzJob = await queue.GenerateShotAsync(shots[1], owner, priority: RenderPriority.Normal);
        var other = await RenderFixtures.WaitUntilFinishedAsync(_web.Services, previzJob);
        var waiting = await RenderFixtures.WaitForJobAsync(_web.Services, altJob, _ => true);

        Assert.True(other.Status == RenderJobStatus.Succeeded, $"{other.Status}: {other.Error}\n{Logs()}");
        Assert.Equal(plain.Id, other.FinishedBy);
        Assert.Equal((RenderJobStatus.Queued, 0, "alt"), (waiting.Status, waiting.Attempts, waiting.RequiredPack));
        Assert.Equal(["alt"], await _web.Get<WorkerDirectory>().UnservedPacksAsync());

        var withAlt = await StartWorker("node-b", models).WaitUntilRegisteredAsync(_web.Services);
        var done = await RenderFixtures.WaitUntilFinishedAsync(_web.Services, altJob);

        Assert.True(done.Status == RenderJobStatus.Succeeded, $"{done.Status}: {done.Error}\n{Logs()}");
        Assert.Equal((1, withAlt.Id), (done.Attempts, done.FinishedBy));
        await using var context = _web.Db();
        Assert.Equal("alt", (await context.Takes.AsNoTracking().SingleAsync(t => t.JobId == altJob)).PackId);
        Assert.Empty(await _web.Get<WorkerDirectory>().UnservedPacksAsync());
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

    private Dictionary<string, string?> Settings(bool runWorkers) => new(RenderStudio.Settings(DataDirectory))
    {
        ["Rendering:RunWorkers"] = runWorkers ? "true" : "false",
        ["TakeStore:Directory"] = StoreDirectory,
        ["Generation:ExecutionProvider"] = "Cpu",
        ["Data:SweepOrphanFiles"] = "false",
        ["Jobs:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
        ["Jobs:HeartbeatSeconds"] = "0.5",
    };

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
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
        _web.Dispose();
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

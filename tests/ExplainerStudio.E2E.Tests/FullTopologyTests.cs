using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// The whole scaled-out studio at once (<see cref="FullTopologyFixture"/>): two web nodes that render nothing, two
/// worker processes, one PostgreSQL, one Redis. A project renders across both workers with one take per job while a
/// browser on node A follows the workers' progress and an edit made through node B, live; a worker killed mid-render
/// loses its job to the other, which finishes it once.
/// </summary>
public sealed partial class FullTopologyTests(FullTopologyFixture topology, ITestOutputHelper output) : IClassFixture<FullTopologyFixture>
{
    private const int Shots = 4;
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "full-topology");

    [Fact]
    public async Task ProjectRendersAcrossBothWorkerProcesses_OneTakePerJob_WhileNodeAFollowsTheirProgressAndAnEditMadeOnNodeB()
    {
        var projectId = await ProjectAsync(Shots, seconds: 2, steps: 8, frameRate: 4);
        // Node A's notifier: every event its pages get, and the ones it raised itself (none: it renders nothing and
        // the jobs are queued through node B). Node B raises only the queued events.
        var onNodeA = new ConcurrentQueue<RenderEvent>();
        var raisedOnA = new ConcurrentQueue<RenderEvent>();
        var raisedOnB = new ConcurrentQueue<RenderEvent>();
        var notifierA = topology.ServicesA.GetRequiredService<RenderProgressNotifier>();
        using var pagesOfA = notifierA.Subscribe(onNodeA.Enqueue, projectId);
        using var localOfA = notifierA.Events.SubscribeLocal(e => Enqueue(raisedOnA, e, projectId));
        using var localOfB = topology.ServicesB.GetRequiredService<RenderProgressNotifier>().Events.SubscribeLocal(e => Enqueue(raisedOnB, e, projectId));
        var onA = await topology.NewPageAsync(topology.NodeA);
        var onB = await topology.NewPageAsync(topology.NodeB);
        try
        {
            await StudioAccounts.SignInAsync(onA, FullTopologyFixture.Owner);
            await StudioAccounts.SignInAsync(onB, FullTopologyFixture.Owner);
            await onA.GotoInteractiveAsync($"projects/{projectId}");
            await onB.GotoInteractiveAsync($"projects/{projectId}");
            // Every text a render badge on A shows, however briefly, and whether the page was ever reloaded.
            await onA.EvaluateAsync("""
                () => {
                    window.__badges = [];
                    window.__sameDocument = true;
                    const seen = () => document.querySelectorAll('[data-testid=render-badge]').forEach(b => window.__badges.push(b.textContent.trim()));
                    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
                }
                """);

            await onB.Locator("#generate-project").ClickInteractiveAsync();
            await Expect(onB.Locator(".mud-snackbar").Filter(new() { HasText = $"Queued {Shots} shots" })).ToBeVisibleAsync();
            await onA.WaitForFunctionAsync("re => window.__badges.some(b => new RegExp(re).test(b))", ProgressPattern,
                new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 50 });
            // The edit is made through node B while the workers render; node A shows it without a reload.
            await onB.GetByTestId("shot").Last.ClickInteractiveAsync();
            await onB.Locator("#shot-title").FillAsync("Retitled on node B");
            await onB.Locator("#save-shot").ClickAsync();
            await Expect(onB.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();
            await Expect(onA.GetByTestId("shot").Filter(new() { HasText = "Retitled on node B" })).ToHaveCountAsync(1);
            await Expect(onA.GetByTestId("render-badge")).ToHaveTextAsync(Enumerable.Repeat("rendered", Shots).ToArray(), new() { Timeout = 600_000 });
            await onA.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "node-a-storyboard.png"), FullPage = true });

            var badges = await onA.EvaluateAsync<string[]>("() => window.__badges");
            output.WriteLine("Badges on node A: " + string.Join(" | ", badges.Distinct()));
            Assert.Contains(badges, b => Progress().IsMatch(b));
            Assert.True(await onA.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Node A's page was reloaded.");

            await using var db = await topology.ServicesA.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
            var jobs = await db.RenderJobs.AsNoTracking().Where(j => j.ProjectId == projectId).ToListAsync();
            var takes = await db.Takes.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync();
            Assert.Equal(Shots, jobs.Count);
            Assert.All(jobs, j => Assert.True(j.Status == RenderJobStatus.Succeeded, $"job {j.Id}: {j.Status} {j.Error}\n{topology.WorkerLogs()}"));
            // Both worker processes rendered, and only they did: neither web node holds a worker row or finished a job.
            var workerIds = topology.Workers.Select(w => w.Row.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(workerIds, jobs.Select(j => j.FinishedBy!).Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(jobs.Select(j => j.Id).Order(), takes.Select(t => t.JobId).Order());
            Assert.Equal(jobs.Select(j => j.TakeId).Order(), takes.Select(t => (int?)t.Id).Order());
            Assert.All(takes, t => Assert.True(File.Exists(Path.Combine(topology.StoreDirectory, t.ClipPath)), $"take {t.Id}: no clip in the shared store"));

            // Every job's progress reached node A's pages, and none of it was raised on a web node: it came from the
            // worker processes over Redis.
            Assert.All(jobs, j => Assert.Contains(onNodeA, e => e.JobId == j.Id && e.Kind == RenderEventKind.Progress));
            Assert.All(jobs, j => Assert.Contains(onNodeA, e => e.JobId == j.Id && e.Kind == RenderEventKind.Succeeded));
            Assert.Empty(raisedOnA);
            Assert.Equal(Enumerable.Repeat(RenderEventKind.Queued, Shots), raisedOnB.Select(e => e.Kind));

            // Node A's workers list: both worker processes, idle now, with the jobs each finished (of every project).
            var finishedBy = await db.RenderJobs.AsNoTracking().Where(j => j.FinishedBy != null)
                .GroupBy(j => j.FinishedBy!).Select(g => new { Worker = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Worker, g => g.Count);
            await onA.GotoInteractiveAsync("queue");
            foreach (var worker in topology.Workers)
            {
                var row = onA.Locator($"[data-testid=worker][data-worker-id='{worker.Row.Id}']");
                await Expect(row).ToHaveAttributeAsync("data-state", nameof(WorkerState.Idle));
                await Expect(row).ToContainTextAsync(worker.Row.Host);
                await Expect(row).ToContainTextAsync("worker process");
                await Expect(row.GetByTestId("worker-jobs")).ToHaveTextAsync("waiting for a job");
                var count = finishedBy[worker.Row.Id];
                await Expect(row.GetByTestId("worker-finished")).ToHaveTextAsync(count == 1 ? "1 job" : $"{count} jobs");
            }
            await Expect(onA.Locator("[data-testid=worker][data-role=Studio]")).ToHaveCountAsync(0);
            await onA.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "node-a-queue.png"), FullPage = true });
        }
        catch
        {
            await FailureScreenshotsAsync(onA, onB);
            throw;
        }
        finally
        {
            await onA.Context.CloseAsync();
            await onB.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WorkerProcessKilledMidRender_ItsJobIsReclaimedAfterTheLease_AndFinishedOnceByTheOtherWorker()
    {
        // Long enough (240 frames) that the kill lands well inside the render even on a fast machine.
        var projectId = await ProjectAsync(shots: 1, seconds: 20, steps: 8, frameRate: 12);
        var shotId = await InDatabaseAsync(db => db.Shots.Where(s => s.Scene!.ProjectId == projectId).Select(s => s.Id).SingleAsync());
        var jobId = await topology.ServicesB.GetRequiredService<RenderQueue>().GenerateShotAsync(shotId, topology.OwnerId);
        var running = await WaitForJobAsync(jobId, j => j.Status == RenderJobStatus.Running && j.Phase == "frames");
        var victim = topology.Workers.Single(w => w.Row.Id == running.LeaseOwner);
        var survivor = topology.Workers.Single(w => w.Row.Id != running.LeaseOwner);
        var onA = await topology.NewPageAsync(topology.NodeA);
        try
        {
            await victim.Process.KillAsync();
            // The victim's last heartbeat is in; from here on its lease only runs out.
            var leaseEnd = (await WaitForJobAsync(jobId, _ => true)).LeaseExpiresAt!.Value;

            var finished = await WaitForJobAsync(jobId, j => j.Status is not (RenderJobStatus.Queued or RenderJobStatus.Running));

            Assert.True(finished.Status == RenderJobStatus.Succeeded, $"{finished.Status}: {finished.Error}\n{topology.WorkerLogs()}");
            Assert.Equal(survivor.Row.Id, finished.FinishedBy);
            Assert.True(finished.StartedAt >= leaseEnd, $"The job was claimed again at {finished.StartedAt:O}, before the killed worker's lease ended at {leaseEnd:O}.");
            var take = Assert.Single(await InDatabaseAsync(db => db.Takes.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync()));
            Assert.Equal((jobId, finished.TakeId), (take.JobId, (int?)take.Id));

            await StudioAccounts.SignInAsync(onA, FullTopologyFixture.Owner);
            await onA.GotoInteractiveAsync("queue");
            var lost = onA.Locator($"[data-testid=worker][data-worker-id='{victim.Row.Id}']");
            await Expect(lost).ToHaveAttributeAsync("data-state", nameof(WorkerState.Lost));
            await Expect(lost.GetByTestId("worker-lost")).ToContainTextAsync($"no heartbeat for over {FullTopologyFixture.LeaseSeconds} seconds");
            await Expect(onA.Locator($"[data-testid=worker][data-worker-id='{survivor.Row.Id}']")).ToHaveAttributeAsync("data-state", nameof(WorkerState.Idle));
            await onA.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "node-a-queue-worker-lost.png"), FullPage = true });
        }
        catch
        {
            await FailureScreenshotsAsync(onA);
            throw;
        }
        finally
        {
            await onA.Context.CloseAsync();
            // The other test needs two live workers, whichever order they run in.
            await topology.ReplaceAsync(victim);
        }
    }

    private static void Enqueue(ConcurrentQueue<RenderEvent> events, RenderEvent renderEvent, int projectId)
    {
        if (renderEvent.ProjectId == projectId)
        {
            events.Enqueue(renderEvent);
        }
    }

    /// <summary>The demo project cut to its first <paramref name="shots"/> shots, rendered small and fast.</summary>
    private async Task<int> ProjectAsync(int shots, int seconds, int steps, int frameRate)
    {
        var projectId = await topology.ServicesA.GetRequiredService<DemoProjectSeeder>().CreateAsync(topology.OwnerId);
        await InDatabaseAsync(async db =>
        {
            (await db.Projects.SingleAsync(p => p.Id == projectId)).FrameRate = frameRate;
            var all = await db.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync();
            db.Shots.RemoveRange(all.Skip(shots));
            foreach (var shot in all.Take(shots))
            {
                shot.DurationSeconds = seconds;
                shot.Steps = steps;
            }
            return await db.SaveChangesAsync();
        });
        return projectId;
    }

    private async Task<T> InDatabaseAsync<T>(Func<StudioDbContext, Task<T>> query)
    {
        await using var db = await topology.ServicesA.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Polls the shared database until the job is as wanted; generous, for a loaded two-core machine.</summary>
    private async Task<RenderJob> WaitForJobAsync(int jobId, Func<RenderJob, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var job = await InDatabaseAsync(db => db.RenderJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
            if (wanted(job))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {job.Status} ({job.Phase} {job.Step}/{job.TotalSteps}).\n{topology.WorkerLogs()}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task FailureScreenshotsAsync(params IPage[] pages)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            await pages[i].ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"failed-{i}.png"), FullPage = true });
        }
    }

    private const string ProgressPattern = "^rendering [1-9][0-9]?%$";

    [GeneratedRegex(ProgressPattern)]
    private static partial Regex Progress();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>
/// Two members' storyboards open in a real headless Chromium: a render started elsewhere shows up on both without a
/// reload (through each page's own circuit and the notifier), ending with the same take.
/// </summary>
public sealed class LiveProgressBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly RenderStudio _studio = new();
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "es-chromium-" + Guid.NewGuid().ToString("N"));
    private Process? _browser;

    [Fact]
    public async Task TwoMembersPages_SeeTheRenderFinishLive()
    {
        var (origin, owner, projectId, shots) = await StartStudioAsync();
        var viewer = await RenderFixtures.AddUserAsync(_studio.Services, "Viewer");
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, viewer, ProjectRole.Viewer);
        var debuggingPort = StartBrowser();
        await using var ownerPage = await OpenStoryboardAsync(debuggingPort, owner, $"{origin}/projects/{projectId}");
        await using var viewerPage = await OpenStoryboardAsync(debuggingPort, viewer, $"{origin}/projects/{projectId}");
        // An edit the owner has typed but not saved must survive the page following the render.
        await ownerPage.EvaluateAsync(
            "(() => { const t = document.querySelector('#shot-title'); t.value = 'Unsaved edit'; t.dispatchEvent(new Event('change', { bubbles: true })); })()",
            CancellationToken.None);

        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));

        // Same document as before the render (no reload), now showing the finished take.
        var finished = "window.__sameDocument === true && document.querySelector('[data-testid=render-badge]')?.textContent.trim() === 'rendered'"
            + $" && !!document.querySelector('[data-take-id=\"{job.TakeId}\"]')";
        await ownerPage.WaitForAsync(finished, TimeSpan.FromSeconds(30), CancellationToken.None);
        await viewerPage.WaitForAsync(finished, TimeSpan.FromSeconds(30), CancellationToken.None);
        await ownerPage.WaitForAsync("document.querySelector('#shot-title').value === 'Unsaved edit'", TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Fact]
    public async Task TheLastStepOfABurst_IsDrawn_EvenWhenNoEventFollows()
    {
        var (origin, owner, projectId, shots) = await StartStudioAsync();
        // A job another worker holds (its lease runs for an hour), so this studio's own worker leaves it alone and
        // the only progress the page sees is what the test publishes.
        int jobId;
        await using (var db = _studio.Db())
        {
            var now = DateTimeOffset.UtcNow;
            var job = new RenderJob
            {
                ProjectId = projectId, ShotId = shots[0], Status = RenderJobStatus.Running, RequestedByUserId = owner, CreatedAt = now, QueuedAt = now,
                StartedAt = now, Attempts = 1, LeaseOwner = "another-worker", LeaseExpiresAt = now.AddHours(1), InputsJson = "{}",
            };
            db.RenderJobs.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        }
        var debuggingPort = StartBrowser();
        await using var page = await OpenStoryboardAsync(debuggingPort, owner, $"{origin}/projects/{projectId}");
        await page.WaitForAsync("document.querySelector('[data-testid=render-badge]')?.textContent.trim() === 'rendering 0%'", TimeSpan.FromSeconds(30), CancellationToken.None);

        // Two steps 30 ms apart, inside the page's 100 ms redraw interval, then nothing: the second must still reach
        // the screen.
        var notifier = _studio.Get<RenderProgressNotifier>();
        notifier.Publish(new RenderEvent(jobId, projectId, shots[0], RenderEventKind.Progress, DateTimeOffset.UtcNow, 1, 10, "keyframe"));
        await Task.Delay(30);
        notifier.Publish(new RenderEvent(jobId, projectId, shots[0], RenderEventKind.Progress, DateTimeOffset.UtcNow, 5, 10, "keyframe"));

        await page.WaitForAsync("document.querySelector('[data-testid=render-badge]')?.textContent.trim() === 'rendering 50%'", TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [Fact]
    public async Task ARenderThePagesDataDoesNotKnowYet_ShowsItsProgress_FromItsLiveEvents()
    {
        // On a busy server the re-read that a job's start triggers can take longer than a short render: the page must
        // not wait for it to show the render's steps. A job no row of the database holds yet stands for that re-read
        // still under way; its steps alone must put the card's badge on screen.
        var (origin, owner, projectId, shots) = await StartStudioAsync();
        var debuggingPort = StartBrowser();
        await using var page = await OpenStoryboardAsync(debuggingPort, owner, $"{origin}/projects/{projectId}");
        Assert.Equal("false", (await page.EvaluateAsync("!!document.querySelector('[data-testid=render-badge]')", CancellationToken.None))?.ToString());

        const int notReadYet = 1_000_000;
        _studio.Get<RenderProgressNotifier>().Publish(
            new RenderEvent(notReadYet, projectId, shots[0], RenderEventKind.Progress, DateTimeOffset.UtcNow, 3, 10, "keyframe"));

        await page.WaitForAsync("document.querySelector('[data-testid=render-badge]')?.textContent.trim() === 'rendering 30%'", TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    /// <summary>The studio on a real Kestrel port, with an owner and a project of shots.</summary>
    private async Task<(string Origin, string Owner, int ProjectId, List<int> Shots)> StartStudioAsync()
    {
        Assert.True(File.Exists(Chromium), "These machines have Debian's chromium; install it with ./studio.sh setup.");
        _studio.UseKestrel(0);
        _studio.StartServer();
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        return (_studio.ClientOptions.BaseAddress.ToString().TrimEnd('/'), owner, projectId, shots);
    }

    private static async Task<DevToolsPage> OpenStoryboardAsync(int debuggingPort, string userId, string url)
    {
        var page = await DevToolsPage.OpenAsync(debuggingPort, CancellationToken.None);
        // The browser signs in the way the test host expects; the circuit's WebSocket carries the header too.
        await page.SendAsync("Network.enable", [], CancellationToken.None);
        await page.SendAsync("Network.setExtraHTTPHeaders", new JsonObject { ["headers"] = new JsonObject { [TestUserAuthentication.Header] = userId } }, CancellationToken.None);
        await page.NavigateAsync(url, CancellationToken.None);
        await page.WaitForAsync("!!document.querySelector('[data-testid=shot]')", TimeSpan.FromSeconds(30), CancellationToken.None);
        // Clicking a shot opens its editor only once the circuit is interactive (the prerendered page ignores clicks),
        // so the render below starts after the page follows renders live.
        await page.WaitForAsync(
            "(document.querySelector('[data-testid=shot-editor-title]') ? true : (document.querySelector('[data-testid=shot]').click(), false))",
            TimeSpan.FromSeconds(30), CancellationToken.None);
        await page.EvaluateAsync("window.__sameDocument = true", CancellationToken.None);
        return page;
    }

    private int StartBrowser()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Chromium) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--remote-debugging-port={port}", $"--user-data-dir={_profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        _browser = Process.Start(start)!;
        _browser.OutputDataReceived += (_, _) => { };
        _browser.ErrorDataReceived += (_, _) => { };
        _browser.BeginOutputReadLine();
        _browser.BeginErrorReadLine();
        return port;
    }

    public void Dispose()
    {
        if (_browser is { HasExited: false })
        {
            _browser.Kill(entireProcessTree: true);
            _browser.WaitForExit();
        }
        _browser?.Dispose();
        _studio.Dispose();
        if (Directory.Exists(_profile))
        {
            Directory.Delete(_profile, recursive: true);
        }
    }
}

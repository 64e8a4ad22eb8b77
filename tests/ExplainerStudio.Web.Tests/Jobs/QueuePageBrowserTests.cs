using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;

namespace ExplainerStudio.Web.Tests.Jobs;

/// <summary>The Queue page's Cancel and Retry buttons, clicked in a real headless Chromium on the page's own circuit.</summary>
public sealed class QueuePageBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly RenderStudio _studio = new();
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "es-chromium-" + Guid.NewGuid().ToString("N"));
    private Process? _browser;

    [Fact]
    public async Task CancelAfterConfirming_StopsTheRunningJob_AndRetryQueuesItAgain()
    {
        Assert.True(File.Exists(Chromium), "These machines have Debian's chromium; install it with ./studio.sh setup.");
        _studio.UseKestrel(0);
        _studio.StartServer();
        var origin = _studio.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        // Minutes of work that only the Cancel button can end.
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, seconds: 60, steps: 150, frameRate: 60);
        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        await RenderFixtures.WaitForJobAsync(_studio.Services, jobId, j => j.Status == RenderJobStatus.Running);
        await using var page = await OpenQueueAsync(StartBrowser(), owner, $"{origin}/queue");
        var row = $"[data-testid=render-job][data-job-id=\"{jobId}\"]";

        // Clicks Cancel (every 3 s) until the circuit is interactive and the confirmation opens, then declines every
        // confirmation the clicks opened, until none has been open for 2 s.
        await page.WaitForAsync(
            "(document.querySelector('.mud-dialog') ? true : ((Date.now() - (window.__clicked || 0) > 3000) && (window.__clicked = Date.now(), document.querySelector('[data-testid=cancel-job]')?.click()), false))",
            TimeSpan.FromSeconds(60), CancellationToken.None);
        await page.WaitForAsync(
            "(() => { const keep = [...document.querySelectorAll('.mud-dialog button')].find(b => b.textContent.trim() === 'Keep rendering');"
            + " if (keep) { keep.click(); window.__closedAt = Date.now(); return false; }"
            + " return !document.querySelector('.mud-dialog') && Date.now() - (window.__closedAt || 0) > 2000; })()",
            TimeSpan.FromSeconds(30), CancellationToken.None);
        var kept = await RenderFixtures.WaitForJobAsync(_studio.Services, jobId, _ => true);
        await page.EvaluateAsync("document.querySelector('[data-testid=cancel-job]').click()", CancellationToken.None);
        await page.WaitForAsync("!!document.querySelector('.mud-dialog')", TimeSpan.FromSeconds(10), CancellationToken.None);
        await ClickDialogButtonAsync(page, "Cancel render");
        var cancelled = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);
        await page.WaitForAsync(
            $"document.querySelector('{row}')?.dataset.status === 'Cancelled' && !!document.querySelector('[data-testid=retry-job]')",
            TimeSpan.FromSeconds(30), CancellationToken.None);

        await page.EvaluateAsync("document.querySelector('[data-testid=retry-job]').click()", CancellationToken.None);
        var retried = await RenderFixtures.WaitForJobAsync(_studio.Services, jobId, j => j.Status is RenderJobStatus.Queued or RenderJobStatus.Running);
        await page.WaitForAsync(
            $"['Queued', 'Running'].includes(document.querySelector('{row}')?.dataset.status)", TimeSpan.FromSeconds(30), CancellationToken.None);
        await _studio.Get<RenderQueue>().CancelAsync(jobId, owner);

        Assert.Equal(RenderJobStatus.Running, kept.Status);
        Assert.Equal(RenderJobStatus.Cancelled, cancelled.Status);
        Assert.Null(retried.Error);
        Assert.False(retried.CancelRequested);
    }

    private static async Task ClickDialogButtonAsync(DevToolsPage page, string text)
    {
        var found = await page.EvaluateAsync(
            $"(() => {{ const b = [...document.querySelectorAll('.mud-dialog button')].find(b => b.textContent.trim() === '{text}'); if (b) b.click(); return !!b; }})()",
            CancellationToken.None);
        Assert.True(found is JsonValue value && value.GetValue<bool>(), $"The confirmation has no '{text}' button.");
    }

    private static async Task<DevToolsPage> OpenQueueAsync(int debuggingPort, string userId, string url)
    {
        var page = await DevToolsPage.OpenAsync(debuggingPort, CancellationToken.None);
        await page.SendAsync("Network.enable", [], CancellationToken.None);
        await page.SendAsync("Network.setExtraHTTPHeaders", new JsonObject { ["headers"] = new JsonObject { [TestUserAuthentication.Header] = userId } }, CancellationToken.None);
        await page.NavigateAsync(url, CancellationToken.None);
        await page.WaitForAsync("!!document.querySelector('[data-testid=cancel-job]')", TimeSpan.FromSeconds(30), CancellationToken.None);
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

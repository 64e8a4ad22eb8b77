using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>
/// `./studio.sh bench ui`: how soon a storyboard can be used, and what each open storyboard costs the server. The
/// studio runs in this process exactly as Program.cs composes it (real Kestrel, so its managed heap can be read), and a
/// headless Chromium drives it over the DevTools protocol, as the other browser benchmarks do.
///
/// Time to interactive, per storyboard: from navigation start (the page's own clock origin) until the first shot card,
/// focused and clicked the moment the circuit has given it handlers, has opened its shot editor. That covers the
/// prerendered page, the circuit connecting, the interactive render and one real round trip through the server; a card
/// with handlers that did not answer would never count. Measured on the demo storyboard (the baseline) and on a
/// generated 1,000-shot storyboard (50 scenes of 20 shots, every shot with two placed characters and a line), median of
/// <see cref="Rounds"/> loads after one warm-up.
///
/// Memory per circuit: one window opens the storyboard, then <c>STUDIO_BENCH_UI_CIRCUITS</c> more (default 10); after a
/// full collection the server's managed heap and the process working set are compared with the same figures when only
/// the first was open, divided by the number of further circuits. The server's CPU time and the page's main-thread
/// time per load are given too: on a busy machine the wall times mostly measure waiting for a core.
/// </summary>
public static class StoryboardUiBenchmark
{
    public const int Rounds = 5;
    private static readonly int Circuits =
        int.TryParse(Environment.GetEnvironmentVariable("STUDIO_BENCH_UI_CIRCUITS"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 10;
    public const int Scenes = 50;
    public const int ShotsPerScene = 20;
    private const string Browser = "/usr/bin/chromium";
    private const string Email = "ui@bench.test";
    private const string Password = "bench-password-123";

    /// <summary>Returns null when no Chromium is installed.</summary>
    public static async Task<IReadOnlyDictionary<string, double>?> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Browser))
        {
            return null;
        }
        var dataDirectory = Path.Combine(workDirectory, "ui");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        var (demoId, largeId) = await SeedAsync(contentRoot, dataDirectory, cancellationToken);
        SqliteConnection.ClearAllPools();

        var port = ProgressLatencyBenchmark.FreePort();
        var debuggingPort = ProgressLatencyBenchmark.FreePort();
        var origin = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string?>
        {
            ["Data__Directory"] = dataDirectory,
            ["Accounts__SignInAttemptsPerMinute"] = "10000",
            ["Accounts__DemoProjectForNewAccounts"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var studio = await InProcessStudio.StartAsync(origin, settings, cancellationToken);
        using var chromium = ProgressLatencyBenchmark.Start(Browser,
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
             "--disable-backgrounding-occluded-windows", "--window-size=1366,900", $"--remote-debugging-port={debuggingPort}",
             $"--user-data-dir={Path.Combine(workDirectory, "chromium-ui")}", "about:blank"],
            new Dictionary<string, string?>());
        var pages = new List<DevToolsPage>();
        try
        {
            await ProgressLatencyBenchmark.WaitForStudioAsync(origin, cancellationToken);
            var main = await DevToolsPage.OpenAsync(debuggingPort, cancellationToken);
            pages.Add(main);
            await SignInAsync(main, origin, cancellationToken);
            await main.SendAsync("Page.enable", new JsonObject(), cancellationToken);
            await main.SendAsync("Page.addScriptToEvaluateOnNewDocument", new JsonObject { ["source"] = ProbeScript }, cancellationToken);

            var figures = new Dictionary<string, double>
            {
                ["load_average_1m_at_start"] = LoadAverage(),
                ["large_storyboard_shots"] = Scenes * ShotsPerScene,
                ["large_storyboard_scenes"] = Scenes,
                ["rounds"] = Rounds,
                ["circuits_opened"] = Circuits,
                ["goal_large_interactive_ms"] = 2000,
                ["goal_circuit_mb"] = 8,
            };
            await MeasureLoadsAsync(main, $"{origin}/projects/{demoId}", "demo", figures, cancellationToken);
            await MeasureLoadsAsync(main, $"{origin}/projects/{largeId}", "large", figures, cancellationToken);
            await main.NavigateAsync("about:blank", cancellationToken);

            await MeasureCircuitsAsync(debuggingPort, pages, $"{origin}/projects/{demoId}", "demo", figures, cancellationToken);
            await MeasureCircuitsAsync(debuggingPort, pages, $"{origin}/projects/{largeId}", "large", figures, cancellationToken);
            figures["load_average_1m_at_end"] = LoadAverage();
            return figures;
        }
        finally
        {
            foreach (var page in pages)
            {
                await page.DisposeAsync();
            }
            ProgressLatencyBenchmark.Stop(chromium);
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task MeasureLoadsAsync(DevToolsPage page, string board, string name, Dictionary<string, double> figures, CancellationToken cancellationToken)
    {
        var interactive = new List<double>();
        var handlers = new List<double>();
        var contentLoaded = new List<double>();
        var serverCpu = new List<double>();
        var browserBusy = new List<double>();
        await page.SendAsync("Performance.enable", new JsonObject(), cancellationToken);
        for (var round = 0; round <= Rounds; round++)
        {
            await page.NavigateAsync("about:blank", cancellationToken);
            await page.WaitForAsync("location.href === 'about:blank'", TimeSpan.FromSeconds(30), cancellationToken);
            // Work, not wall time: on a shared machine the wall time is mostly waiting for a core. The server's CPU
            // time (this process) and the page's main-thread task time say what a load costs on an idle machine.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var busyBefore = await TaskDurationAsync(page, cancellationToken);
            await page.NavigateAsync(board, cancellationToken);
            await page.WaitForAsync("!!window.__tti && window.__tti.responded !== undefined", TimeSpan.FromSeconds(300), cancellationToken);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            // A page of another site may get a fresh renderer process, whose count starts at zero.
            var busyAfter = await TaskDurationAsync(page, cancellationToken);
            var busy = (busyAfter >= busyBefore ? busyAfter - busyBefore : busyAfter) * 1000;
            var probe = (await page.EvaluateAsync("window.__tti", cancellationToken))!.AsObject();
            if (probe["focused"]?.GetValue<bool>() != true)
            {
                throw new InvalidOperationException($"The first shot card of the {name} storyboard did not take keyboard focus.");
            }
            if (round == 0)
            {
                continue;
            }
            interactive.Add(probe["responded"]!.GetValue<double>());
            serverCpu.Add(cpu);
            browserBusy.Add(busy);
            handlers.Add(probe["handlers"]!.GetValue<double>());
            contentLoaded.Add(probe["contentLoaded"]?.GetValue<double>() ?? double.NaN);
        }
        interactive.Sort();
        handlers.Sort();
        contentLoaded.Sort();
        serverCpu.Sort();
        browserBusy.Sort();
        figures[$"{name}_server_cpu_p50_ms"] = ProgressLatencyBenchmark.Percentile(serverCpu, 0.5);
        figures[$"{name}_browser_main_thread_p50_ms"] = ProgressLatencyBenchmark.Percentile(browserBusy, 0.5);
        figures[$"{name}_interactive_p50_ms"] = ProgressLatencyBenchmark.Percentile(interactive, 0.5);
        figures[$"{name}_interactive_max_ms"] = interactive[^1];
        figures[$"{name}_card_handlers_p50_ms"] = ProgressLatencyBenchmark.Percentile(handlers, 0.5);
        figures[$"{name}_dom_content_loaded_p50_ms"] = ProgressLatencyBenchmark.Percentile(contentLoaded, 0.5);
        var cards = await page.EvaluateAsync("document.querySelectorAll('[data-shot-card]').length", cancellationToken);
        figures[$"{name}_cards_in_page"] = cards!.GetValue<double>();
        var drawn = await page.EvaluateAsync("document.querySelectorAll('[data-shot-card]:not([data-shot-lazy])').length", cancellationToken);
        figures[$"{name}_cards_drawn"] = drawn!.GetValue<double>();
        var pending = await page.EvaluateAsync("document.querySelectorAll('[data-scene-pending]').length", cancellationToken);
        figures[$"{name}_scenes_not_made"] = pending!.GetValue<double>();
        Console.WriteLine(FormattableString.Invariant($"  {name}: interactive {string.Join(", ", interactive.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} ms"));
    }

    private static async Task MeasureCircuitsAsync(
        int debuggingPort, List<DevToolsPage> pages, string board, string name, Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        // One circuit first: whatever the first storyboard of a project warms (caches, compiled queries, JIT) is not a
        // cost of each further circuit.
        var opened = new List<DevToolsPage>();
        (long Managed, long WorkingSet) before = default;
        for (var i = 0; i <= Circuits; i++)
        {
            if (i == 1)
            {
                before = Settle();
            }
            var page = await DevToolsPage.OpenInNewWindowAsync(debuggingPort, cancellationToken);
            pages.Add(page);
            opened.Add(page);
            await page.NavigateAsync(board, cancellationToken);
            await page.WaitForAsync(
                "document.readyState === 'complete' && (() => { const card = document.querySelector('[data-shot-card]'); return !!card && Object.keys(card).some(k => k.startsWith('_blazorEvents_')); })()",
                TimeSpan.FromSeconds(300), cancellationToken);
        }
        // The windows have drawn what they show; what a circuit holds now is what it keeps while the user looks.
        foreach (var page in opened)
        {
            await page.EvaluateAsync("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", cancellationToken);
        }
        var (managedOpen, workingSetOpen) = Settle();
        figures[$"{name}_circuit_managed_mb"] = (managedOpen - before.Managed) / (double)Circuits / (1024 * 1024);
        figures[$"{name}_circuit_working_set_mb"] = (workingSetOpen - before.WorkingSet) / (double)Circuits / (1024 * 1024);
        foreach (var page in opened)
        {
            // Leaving the page ends its circuit at once (the script tells the server on unload).
            await page.NavigateAsync("about:blank", cancellationToken);
        }
    }

    // How busy the machine was: the figures above mean little on a machine shared with other work.
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    // The page's main-thread busy time so far (Chromium's TaskDuration, seconds).
    private static async Task<double> TaskDurationAsync(DevToolsPage page, CancellationToken cancellationToken)
    {
        var metrics = (await page.SendAsync("Performance.getMetrics", new JsonObject(), cancellationToken))!["metrics"]!.AsArray();
        return metrics.First(m => m!["name"]!.GetValue<string>() == "TaskDuration")!["value"]!.GetValue<double>();
    }

    private static (long Managed, long WorkingSet) Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return (GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet);
    }

    // Runs before the page's own scripts on every document of the storyboard: as soon as the first shot card has
    // Blazor's handlers it is focused and clicked, and the time its shot editor shows is the time to interactive.
    private const string ProbeScript = """
        (() => {
            if (!/^\/projects\/\d+$/.test(location.pathname)) { return; }
            const probe = {};
            window.__tti = probe;
            document.addEventListener('DOMContentLoaded', () => { probe.contentLoaded = performance.now(); });
            const look = () => {
                if (probe.handlers === undefined) {
                    const card = document.querySelector('[data-shot-card]');
                    if (card && Object.keys(card).some(k => k.startsWith('_blazorEvents_'))) {
                        probe.handlers = performance.now();
                        probe.shotId = card.getAttribute('data-shot-id');
                        card.focus();
                        probe.focused = document.activeElement === card;
                        card.click();
                    }
                } else if (probe.responded === undefined && location.pathname.endsWith('/shots/' + probe.shotId)
                           && document.querySelector('#shot-editor [data-testid=shot-editor-title]')) {
                    probe.responded = performance.now();
                    observer.disconnect();
                }
            };
            const observer = new MutationObserver(look);
            observer.observe(document, { subtree: true, childList: true, attributes: true });
        })()
        """;

    private static async Task SignInAsync(DevToolsPage page, string origin, CancellationToken cancellationToken)
    {
        await page.NavigateAsync(origin + "/Account/Login", cancellationToken);
        await page.WaitForAsync("document.readyState === 'complete' && !!document.getElementById('email')", TimeSpan.FromSeconds(60), cancellationToken);
        await page.EvaluateAsync(
            $"document.getElementById('email').value = '{Email}';" +
            $"document.getElementById('password').value = '{Password}';" +
            "document.getElementById('email').form.requestSubmit(); true", cancellationToken);
        await page.WaitForAsync("location.pathname !== '/Account/Login' && document.readyState === 'complete'", TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>One owner with the demo project and a second copy of it grown to <see cref="Scenes"/> × <see cref="ShotsPerScene"/> shots.</summary>
    private static async Task<(int Demo, int Large)> SeedAsync(string contentRoot, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var services = RenderingBenchmark.BuildServices(contentRoot, dataDirectory);
        await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var user = new StudioUser
        {
            Id = Guid.NewGuid().ToString(),
            DisplayName = "UI bench",
            UserName = Email,
            NormalizedUserName = Email.ToUpperInvariant(),
            Email = Email,
            NormalizedEmail = Email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<StudioUser>().HashPassword(user, Password);
        await using (var context = await factory.CreateDbContextAsync(cancellationToken))
        {
            context.Users.Add(user);
            await context.SaveChangesAsync(cancellationToken);
        }

        var demo = await services.GetRequiredService<DemoProjectSeeder>().CreateAsync(user.Id, cancellationToken);
        var large = await LargeStoryboard.CreateAsync(services, user.Id, Scenes, ShotsPerScene, cancellationToken);
        return (demo, large);
    }
}

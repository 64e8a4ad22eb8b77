using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// `./studio.sh bench`, live progress part: a real studio process renders a shot while a real (headless Chromium)
/// page, signed in as a project member, listens on /hubs/render with the npm SignalR client. For every progress event
/// the page records the time from the event being raised in the worker to the next frame painted after it changed the
/// page's text (both clocks are the same machine's).
/// </summary>
public static class ProgressLatencyBenchmark
{
    private const string Password = "bench-password-123";

    /// <summary>Returns null when no Chromium is installed.</summary>
    public static async Task<IReadOnlyDictionary<string, double>?> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        const string browser = "/usr/bin/chromium";
        if (!File.Exists(browser))
        {
            return null;
        }
        var dataDirectory = Path.Combine(workDirectory, "latency");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        int projectId;
        int shotId;
        string userId;
        var settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataDirectory,
            ["Rendering:MaxLongSide"] = "256",
            ["Rendering:PollIntervalMilliseconds"] = "50",
            ["Generation:ExecutionProvider"] = "Cpu",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using (var services = RenderingBenchmark.BuildServices(contentRoot, dataDirectory))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
            userId = await AddUserAsync(services, cancellationToken);
            projectId = await services.GetRequiredService<Demo.DemoProjectSeeder>().CreateAsync(userId, cancellationToken);
            await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
            var shot = await context.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Id).FirstAsync(cancellationToken);
            shot.DurationSeconds = 6;
            await context.SaveChangesAsync(cancellationToken);
            shotId = shot.Id;
        }
        SqliteConnection.ClearAllPools();

        var port = FreePort();
        var debuggingPort = FreePort();
        var profile = Path.Combine(workDirectory, "chromium-profile");
        using var studio = Start("dotnet", [typeof(ProgressLatencyBenchmark).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"],
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value));
        using var chromium = Start(browser,
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", $"--remote-debugging-port={debuggingPort}", $"--user-data-dir={profile}", "about:blank"],
            new Dictionary<string, string?>());
        try
        {
            var origin = $"http://127.0.0.1:{port}";
            await WaitForStudioAsync(origin, cancellationToken);
            await using var page = await DevToolsPage.OpenAsync(debuggingPort, cancellationToken);
            await page.NavigateAsync(origin + "/Account/Login", cancellationToken);
            await page.WaitForAsync("document.readyState === 'complete' && !!document.getElementById('email')", TimeSpan.FromSeconds(30), cancellationToken);
            await page.EvaluateAsync(
                "document.getElementById('email').value = 'bench@example.com';" +
                $"document.getElementById('password').value = '{Password}';" +
                "document.getElementById('email').form.requestSubmit(); true", cancellationToken);
            await page.WaitForAsync("location.pathname !== '/Account/Login' && document.readyState === 'complete'", TimeSpan.FromSeconds(30), cancellationToken);
            await page.EvaluateAsync(ListenScript(projectId), cancellationToken);

            await using (var services = RenderingBenchmark.BuildServices(contentRoot, dataDirectory))
            {
                var queue = services.GetRequiredService<RenderQueue>();
                var jobId = await queue.GenerateShotAsync(shotId, userId, cancellationToken: cancellationToken);
                await WaitForJobAsync(services, jobId, cancellationToken);
            }
            await Task.Delay(500, cancellationToken);
            var latencies = (await page.EvaluateAsync("window.__latencies", cancellationToken))!.AsArray()
                .Select(n => n!.GetValue<double>()).Order().ToList();
            if (latencies.Count == 0)
            {
                throw new InvalidOperationException("The browser page received no progress events.");
            }
            return new Dictionary<string, double>
            {
                ["progress_events_seen_in_browser"] = latencies.Count,
                ["progress_latency_p50_ms"] = Percentile(latencies, 0.50),
                ["progress_latency_p95_ms"] = Percentile(latencies, 0.95),
                ["progress_latency_max_ms"] = latencies[^1],
            };
        }
        finally
        {
            Stop(chromium);
            Stop(studio);
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Loads the npm SignalR client into the page, joins the project and timestamps every event once painted.</summary>
    private static string ListenScript(int projectId) => $$"""
        (async () => {
            await new Promise((resolve, reject) => {
                const script = document.createElement('script');
                script.src = '/lib/signalr/signalr.min.js';
                script.onload = resolve;
                script.onerror = reject;
                document.head.appendChild(script);
            });
            const box = document.createElement('div');
            document.body.appendChild(box);
            window.__latencies = [];
            const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/render').build();
            connection.on('progress', e => {
                const raised = Date.parse(e.raisedAt);
                box.textContent = `job ${e.jobId}: ${e.step}/${e.totalSteps}`;
                requestAnimationFrame(() => window.__latencies.push(Date.now() - raised));
            });
            await connection.start();
            await connection.invoke('JoinProject', {{projectId.ToString(CultureInfo.InvariantCulture)}});
            return true;
        })()
        """;

    internal static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<string> AddUserAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var user = new StudioUser
        {
            Id = Guid.NewGuid().ToString(),
            DisplayName = "Bench",
            UserName = "bench@example.com",
            NormalizedUserName = "BENCH@EXAMPLE.COM",
            Email = "bench@example.com",
            NormalizedEmail = "BENCH@EXAMPLE.COM",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<StudioUser>().HashPassword(user, Password);
        context.Users.Add(user);
        await context.SaveChangesAsync(cancellationToken);
        return user.Id;
    }

    internal static async Task WaitForStudioAsync(string origin, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(origin + "/Account/Login", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The studio at {origin} did not start within a minute.");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task WaitForJobAsync(IServiceProvider services, int jobId, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            await using var context = await factory.CreateDbContextAsync(cancellationToken);
            var job = await context.RenderJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            if (job.Status is RenderJobStatus.Succeeded)
            {
                return;
            }
            if (job.Status is RenderJobStatus.Failed or RenderJobStatus.Cancelled)
            {
                throw new InvalidOperationException($"The benchmark render ended {job.Status}: {job.Error}");
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException("The benchmark render did not finish within five minutes.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Process Start(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Drained so a chatty child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}

using ExplainerStudio.Web.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>
/// Two studio web nodes on real Kestrel sockets over one data folder (one SQLite file) and one real Redis of the
/// fixture's own (Live:Redis), and one headless Chromium. Node A runs no render workers: what it shows of a render
/// was rendered by node B and reached A over Redis.
/// </summary>
public sealed class LiveNodesFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "studio-e2e-live-" + Guid.NewGuid().ToString("N"));
    private readonly List<StudioAppFactory> _nodes = [];
    private RedisServer? _redis;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri NodeA { get; private set; } = default!;
    public Uri NodeB { get; private set; } = default!;
    public IServiceProvider ServicesA => _nodes[0].Services;
    public IServiceProvider ServicesB => _nodes[1].Services;
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _redis = await RedisServer.StartAsync();
        NodeA = Start(runRenders: false);
        NodeB = Start(runRenders: true);
        Assertions.SetDefaultExpectTimeout(StudioTimeouts.ExpectMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private Uri Start(bool runRenders)
    {
        var node = new StudioAppFactory(_dataDirectory, settings: new Dictionary<string, string?>
        {
            ["Live:Redis"] = _redis!.ConnectionString,
            ["Rendering:RunWorkers"] = runRenders ? "true" : "false",
            ["Rendering:MaxLongSide"] = "128",
            ["Rendering:PollIntervalMilliseconds"] = "100",
            ["Rendering:ProgressSaveIntervalMilliseconds"] = "100",
            ["Rendering:EncoderPreset"] = "ultrafast",
        });
        _nodes.Add(node);
        node.UseKestrel(0);
        node.StartServer();
        return new Uri(node.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    /// <summary>Kills the fixture's Redis, as an outage would; the nodes keep running.</summary>
    public Task StopRedisAsync() => _redis!.StopAsync();

    /// <summary>A fresh, signed-out browser context on one node (its own cookies: each node is its own site to the browser).</summary>
    public async Task<IPage> NewPageAsync(Uri node)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = node.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(StudioTimeouts.ActionMilliseconds);
        context.SetDefaultNavigationTimeout(StudioTimeouts.ActionMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background task only leaves a temporary folder behind.
        }
    }
}

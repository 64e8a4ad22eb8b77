using System.Globalization;
using ExplainerStudio.Testing;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>
/// The scaled-out studio on one machine: two web nodes on real Kestrel sockets that render nothing themselves, and two
/// render worker processes (the studio's `worker` verb), all on one real PostgreSQL server and one real Redis of the
/// fixture's own, sharing one take store, the web nodes one data folder and each worker a data folder of its own (as on
/// separate machines), all under one temporary folder; plus one headless Chromium. Everything is stopped and deleted on dispose.
/// </summary>
public sealed class FullTopologyFixture : IAsyncLifetime
{
    /// <summary>Short, so that a killed worker's job is taken over soon; still ten heartbeats long.</summary>
    public const int LeaseSeconds = 5;

    public static readonly TestAccount Owner = new("Olivia Owner", "owner@studio.test", "owner-pass-1234");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "studio-e2e-topology-" + Guid.NewGuid().ToString("N"));
    private readonly List<StudioAppFactory> _nodes = [];
    private readonly List<WorkerProcess> _started = [];
    private readonly List<RunningWorker> _workers = [];
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private string _connectionString = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri NodeA { get; private set; } = default!;
    public Uri NodeB { get; private set; } = default!;
    public IServiceProvider ServicesA => _nodes[0].Services;
    public IServiceProvider ServicesB => _nodes[1].Services;
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The shared take store every worker writes into and every web node serves from.</summary>
    public string StoreDirectory => Path.Combine(_root, "shared-takes");

    /// <summary>The two worker processes running now (a killed one is replaced by <see cref="ReplaceAsync"/>).</summary>
    public IReadOnlyList<RunningWorker> Workers => _workers;

    public string OwnerId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(StoreDirectory);
        _postgres = await PostgresServer.StartAsync();
        _connectionString = await _postgres.CreateDatabaseAsync();
        _redis = await RedisServer.StartAsync();
        // Node A first: it creates the schema on the empty database, so the others start on a migrated one.
        NodeA = StartNode("web-a");
        NodeB = StartNode("web-b");
        using (var scope = ServicesA.CreateScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountRegistration>()
                .RegisterAsync(Owner.DisplayName, Owner.Email, Owner.Password, invitation: null);
            OwnerId = user?.Id ?? throw new InvalidOperationException("Could not create the owner: " + string.Join("; ", errors));
        }
        var first = StartWorker("worker-1");
        var second = StartWorker("worker-2");
        _workers.Add(new RunningWorker(first, await first.WaitUntilRegisteredAsync(ServicesA)));
        _workers.Add(new RunningWorker(second, await second.WaitUntilRegisteredAsync(ServicesA)));
        Assertions.SetDefaultExpectTimeout(StudioTimeouts.ExpectMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Starts a new worker process in place of <paramref name="gone"/> (same machine name), as an operator would after a crash.</summary>
    public async Task ReplaceAsync(RunningWorker gone)
    {
        var process = StartWorker(gone.Row.Host);
        var replacement = new RunningWorker(process, await process.WaitUntilRegisteredAsync(ServicesA));
        _workers[_workers.IndexOf(gone)] = replacement;
    }

    /// <summary>Every worker process's output, for a failure message.</summary>
    public string WorkerLogs() => string.Join("\n---\n", _started.Select(w => $"worker process {w.ProcessId}:\n{w.Log}"));

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

    private Uri StartNode(string name)
    {
        // Web nodes share a data folder (uploads and exports they serve), as the README's deployment has them.
        var settings = Settings(name, "data-web");
        settings["Rendering:RunWorkers"] = "false";
        var node = new StudioAppFactory(settings["Data:Directory"]!, settings: settings);
        _nodes.Add(node);
        node.UseKestrel(0);
        node.StartServer();
        return new Uri(node.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    private WorkerProcess StartWorker(string name)
    {
        var settings = Settings(name, "data-" + name);
        settings["Rendering:RunWorkers"] = "true";
        settings["Generation:ExecutionProvider"] = "Cpu";
        var worker = new WorkerProcess(settings);
        _started.Add(worker);
        return worker;
    }

    /// <summary>One process's settings, as a deployment gives them: the shared database, Redis and take store.</summary>
    private Dictionary<string, string?> Settings(string name, string dataFolder)
    {
        var dataDirectory = Path.Combine(_root, dataFolder);
        Directory.CreateDirectory(dataDirectory);
        return new Dictionary<string, string?>(PostgresServer.StudioSettings(_connectionString))
        {
            ["Data:Directory"] = dataDirectory,
            // Take files in the store that the database does not know yet are other processes' renders in flight.
            ["Data:SweepOrphanFiles"] = "false",
            ["TakeStore:Directory"] = StoreDirectory,
            ["Live:Redis"] = _redis!.ConnectionString,
            ["Jobs:NodeName"] = name,
            ["Jobs:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Jobs:HeartbeatSeconds"] = "0.5",
            ["Accounts:DemoProjectForNewAccounts"] = "false",
            ["Rendering:MaxLongSide"] = "128",
            ["Rendering:PollIntervalMilliseconds"] = "100",
            ["Rendering:ProgressSaveIntervalMilliseconds"] = "100",
            ["Rendering:EncoderPreset"] = "ultrafast",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        // The processes first, then the engines under them.
        foreach (var worker in _started)
        {
            worker.Dispose();
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed worker's ffmpeg still held only leaves a temporary folder behind.
        }
    }
}

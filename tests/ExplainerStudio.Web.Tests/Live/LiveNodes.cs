using ExplainerStudio.Testing;
using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests.Live;

/// <summary>
/// Two web nodes (two real studios on their own Kestrel sockets, each with its own services, hub and bridge) over one
/// data folder and one database (a SQLite file, or a PostgreSQL server of the test's own) and one real Redis of the
/// test's own. Node A runs no render workers, so every job a test queues is rendered by node B.
/// </summary>
internal sealed class LiveNodes : IAsyncDisposable
{
    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-live-" + Guid.NewGuid().ToString("N"));

    private IReadOnlyDictionary<string, string?> _database = new Dictionary<string, string?>();
    private PostgresServer? _postgres;

    private LiveNodes(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }
    public Node A { get; private set; } = default!;
    public Node B { get; private set; } = default!;

    public static async Task<LiveNodes> StartAsync(bool onPostgreSql = false)
    {
        var nodes = new LiveNodes(await RedisServer.StartAsync());
        try
        {
            if (onPostgreSql)
            {
                nodes._postgres = await PostgresServer.StartAsync();
                nodes._database = PostgresServer.StudioSettings(await nodes._postgres.CreateDatabaseAsync());
            }
            nodes.A = nodes.Start(runRenders: false);
            nodes.B = nodes.Start(runRenders: true);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    private Node Start(bool runRenders)
    {
        var settings = new Dictionary<string, string?>(_database)
        {
            ["Data:Directory"] = _dataDirectory,
            ["Live:Redis"] = Redis.ConnectionString,
            ["Rendering:RunWorkers"] = runRenders ? "true" : "false",
        };
        var studio = new RenderStudio(settings);
        return Node.Start(studio);
    }

    public async ValueTask DisposeAsync()
    {
        A?.Studio.Dispose();
        B?.Studio.Dispose();
        await Redis.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>One studio on Kestrel, with the address its hub clients connect to.</summary>
    internal sealed record Node(RenderStudio Studio, Uri Address)
    {
        public IServiceProvider Services => Studio.Services;

        public string Id => Get<LiveNode>().Id;

        public T Get<T>()
            where T : notnull => Studio.Get<T>();

        public static Node Start(RenderStudio studio)
        {
            studio.UseKestrel(0);
            studio.StartServer();
            var addresses = studio.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Node(studio, new Uri(addresses.Addresses.First()));
        }

        public Task<HubConnection> ConnectHubAsync(string userId) => HubConnection.ConnectAsync(Address, userId);
    }
}

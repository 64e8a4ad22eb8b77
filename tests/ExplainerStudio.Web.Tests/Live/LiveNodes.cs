using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests.Live;

/// <summary>
/// Two web nodes (two real studios on their own Kestrel sockets, each with its own services, hub and bridge) over one
/// data folder and SQLite file and one real Redis of the test's own. Node A runs no render workers, so every job a
/// test queues is rendered by node B.
/// </summary>
internal sealed class LiveNodes : IAsyncDisposable
{
    // Outside either studio's own temp root, which each deletes when disposed.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "es-live-" + Guid.NewGuid().ToString("N"));

    private LiveNodes(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }
    public Node A { get; private set; } = default!;
    public Node B { get; private set; } = default!;

    public static async Task<LiveNodes> StartAsync()
    {
        var nodes = new LiveNodes(await RedisServer.StartAsync());
        try
        {
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
        var studio = new RenderStudio(new Dictionary<string, string?>
        {
            ["Data:Directory"] = _dataDirectory,
            ["Live:Redis"] = Redis.ConnectionString,
            ["Rendering:RunWorkers"] = runRenders ? "true" : "false",
        });
        return Node.Start(studio);
    }

    public async ValueTask DisposeAsync()
    {
        A?.Studio.Dispose();
        B?.Studio.Dispose();
        await Redis.DisposeAsync();
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

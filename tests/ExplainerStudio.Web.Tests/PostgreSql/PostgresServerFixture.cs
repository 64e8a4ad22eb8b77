using ExplainerStudio.Testing;

namespace ExplainerStudio.Web.Tests.PostgreSql;

/// <summary>One PostgreSQL server for the classes of <see cref="PostgreSqlCollection"/>; each test studio gets its own database.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    /// <summary>Settings for a studio on a database of its own, which the studio creates when it starts.</summary>
    public IReadOnlyDictionary<string, string?> NewDatabaseSettings() =>
        PostgresServer.StudioSettings(Server.ConnectionStringFor(PostgresServer.NewDatabaseName()));

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

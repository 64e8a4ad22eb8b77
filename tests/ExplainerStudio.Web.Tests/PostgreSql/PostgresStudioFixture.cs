using ExplainerStudio.Testing;

namespace ExplainerStudio.Web.Tests.PostgreSql;

/// <summary>The shared collection's studio (<see cref="StudioFixture"/>) with its database on a PostgreSQL server of its own.</summary>
public sealed class PostgresStudioFixture : StudioFixture
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> DatabaseSettingsAsync()
    {
        _server = await PostgresServer.StartAsync();
        return PostgresServer.StudioSettings(await _server.CreateDatabaseAsync());
    }
}

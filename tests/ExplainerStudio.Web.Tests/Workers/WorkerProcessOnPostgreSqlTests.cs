using ExplainerStudio.Web.Tests.PostgreSql;

namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>The worker processes on a real PostgreSQL server (claims lock with FOR UPDATE SKIP LOCKED), a database per test.</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class WorkerProcessOnPostgreSqlTests(PostgresServerFixture server) : WorkerProcessTests, IClassFixture<PostgresServerFixture>
{
    protected override IReadOnlyDictionary<string, string?> DatabaseSettings { get; } = server.NewDatabaseSettings();
}

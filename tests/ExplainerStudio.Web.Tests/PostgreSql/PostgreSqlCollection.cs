namespace ExplainerStudio.Web.Tests.PostgreSql;

/// <summary>
/// The tests that run the studio on PostgreSQL: mostly the SQLite test classes themselves, run again over a real
/// server. One after another, like the SQLite collection, so that a whole-database snapshot stays meaningful.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgresStudioFixture>, ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "studio on PostgreSQL";
}

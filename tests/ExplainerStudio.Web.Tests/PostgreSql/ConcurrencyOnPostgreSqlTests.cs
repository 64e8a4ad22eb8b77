namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ConcurrencyOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.ConcurrencyTests(studio);

namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ReferenceSetOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.ReferenceSetTests(studio);

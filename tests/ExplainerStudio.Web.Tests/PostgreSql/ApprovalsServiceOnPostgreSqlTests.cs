namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ApprovalsServiceOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.Collaboration.ApprovalsServiceTests(studio);

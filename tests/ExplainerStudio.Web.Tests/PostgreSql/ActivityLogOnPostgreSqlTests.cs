namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ActivityLogOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.Collaboration.ActivityLogTests(studio);

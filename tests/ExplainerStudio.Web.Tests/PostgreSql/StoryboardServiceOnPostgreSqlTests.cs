namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class StoryboardServiceOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.StoryboardServiceTests(studio);

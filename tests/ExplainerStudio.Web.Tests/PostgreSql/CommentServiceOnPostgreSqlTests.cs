namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class CommentServiceOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.Collaboration.Discussion.CommentServiceTests(studio);

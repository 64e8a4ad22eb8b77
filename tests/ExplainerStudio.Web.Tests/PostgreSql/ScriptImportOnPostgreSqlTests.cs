namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ScriptImportOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.ScriptImportTests(studio);

namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class AccountOnPostgreSqlTests(PostgresStudioFixture studio) : ExplainerStudio.Web.Tests.AccountTests(studio);

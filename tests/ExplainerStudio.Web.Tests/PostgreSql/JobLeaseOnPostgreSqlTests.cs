namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class JobLeaseOnPostgreSqlTests(PostgresServerFixture postgres) : ExplainerStudio.Web.Tests.Jobs.JobLeaseTests(postgres.NewDatabaseSettings());

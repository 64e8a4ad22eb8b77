namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class TimelinePlanningOnPostgreSqlTests(PostgresServerFixture postgres) : ExplainerStudio.Web.Tests.Timeline.TimelinePlanningTests(postgres.NewDatabaseSettings());

namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class RenderQueueOnPostgreSqlTests(PostgresServerFixture postgres) : ExplainerStudio.Web.Tests.Rendering.RenderQueueTests(postgres.NewDatabaseSettings());

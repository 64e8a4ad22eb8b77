using Xunit.Abstractions;

namespace ExplainerStudio.Web.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class ReviewServiceOnPostgreSqlTests(PostgresServerFixture postgres, ITestOutputHelper output)
    : ExplainerStudio.Web.Tests.Review.ReviewServiceTests(output, postgres.NewDatabaseSettings());

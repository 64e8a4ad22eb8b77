namespace ExplainerStudio.Web.Tests.Live;

/// <summary>The same two web nodes and one Redis, on one PostgreSQL server (Data:Provider PostgreSql) of the test's own.</summary>
public sealed class LiveAcrossNodesOnPostgreSqlTests : LiveAcrossNodesTests
{
    protected override bool OnPostgreSql => true;
}

namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>The worker processes on one SQLite file (the conditional-update claim decides races between them).</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class WorkerProcessOnSqliteTests : WorkerProcessTests
{
    protected override IReadOnlyDictionary<string, string?> DatabaseSettings { get; } = new Dictionary<string, string?>();
}

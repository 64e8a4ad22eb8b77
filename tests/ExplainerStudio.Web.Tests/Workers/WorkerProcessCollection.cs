namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>The worker-process tests, one class after another: each runs two studio worker processes of its own.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "worker processes";
}

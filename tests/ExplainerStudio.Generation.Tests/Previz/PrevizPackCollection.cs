namespace ExplainerStudio.Generation.Tests.Previz;

/// <summary>Shares one generated pack and its sessions among the previz test classes.</summary>
[CollectionDefinition(Name)]
public sealed class PrevizPackCollection : ICollectionFixture<PrevizPackFixture>
{
    public const string Name = "previz pack";
}

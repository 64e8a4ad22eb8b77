namespace ExplainerStudio.Web.Tests;

/// <summary>
/// The tests that share one running studio. They run one after another, so a test may compare the whole database
/// before and after an action; each test makes its own users and projects.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "studio";
}

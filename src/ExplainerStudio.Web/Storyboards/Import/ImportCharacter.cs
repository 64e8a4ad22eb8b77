namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// A character the plan uses: one of the project's (<see cref="IsNew"/> false, its voice as stored) or one the import
/// creates with the voice given here (from the front matter, the Narrator's settings, or the defaults).
/// </summary>
public sealed record ImportCharacter(string Name, bool IsNew, string Voice = "en-us", int Pitch = 50, int Rate = 165, string Description = "")
{
    /// <summary>Declared in the front matter: created even if no line uses it.</summary>
    public bool IsDeclared { get; init; }
}

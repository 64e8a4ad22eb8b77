namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>What an import will create, shown to the user before anything is written.</summary>
public sealed record ScriptImportPlan(
    IReadOnlyList<ImportScene> Scenes,
    IReadOnlyList<string> NewCharacters,
    IReadOnlyList<string> Warnings)
{
    public int ShotCount => Scenes.Sum(s => s.Shots.Count);
    public int DialogueCount => Scenes.Sum(s => s.Shots.Sum(x => x.Dialogue.Count));
}

public sealed record ImportScene(string Title, IReadOnlyList<ImportShot> Shots);

public sealed record ImportShot(string Title, string Description, IReadOnlyList<ImportLine> Dialogue);

public sealed record ImportLine(string Speaker, string Text);

using ExplainerStudio.Web.Collaboration;

namespace ExplainerStudio.Web.Storyboards;

public sealed record ProjectSummary(int Id, string Name, string Description, ProjectRole Role, int SceneCount, int ShotCount, int CharacterCount, DateTimeOffset UpdatedAt);

public sealed record StoryboardView(
    int ProjectId, string Name, string Description, int Version, int FrameRate, int Width, int Height,
    ProjectRole Role, IReadOnlyList<SceneView> Scenes, IReadOnlyList<CharacterRef> Characters)
{
    public double TotalSeconds => Scenes.Sum(s => s.Shots.Sum(x => x.DurationSeconds));
    public ShotView? FindShot(int shotId) => Scenes.SelectMany(s => s.Shots).FirstOrDefault(s => s.Id == shotId);
}

public sealed record SceneView(int Id, int Position, string Title, int Version, IReadOnlyList<ShotView> Shots);

public sealed record ShotView(
    int Id, int SceneId, int Position, string Title, string Description, string Prompt, string NegativePrompt,
    CameraMove CameraMove, double DurationSeconds, long Seed, string ModelPack, string Scheduler, int Steps,
    double Guidance, double ReferenceStrength, ShotStatus Status, int Version,
    IReadOnlyList<PlacementView> Characters, IReadOnlyList<DialogueView> Dialogue)
{
    public bool IsStale => Characters.Any(c => c.IsStale);
    public bool LacksLockedReference => Characters.Any(c => c.CurrentLockedSetNumber is null);

    // The storyboard's drop zones key each card by its item's hash code. The value hash changed with every re-read (new
    // lists), so every re-read replaced every card's element and its live badges, even mid-drag; the id keeps them.
    public override int GetHashCode() => Id;
}

/// <summary>A character in a shot, with the reference version the shot is pinned to and the character's current one.</summary>
public sealed record PlacementView(
    int CharacterId, string Name, double X, double Y, double Scale, int ZOrder,
    int? PinnedSetNumber, int? CurrentLockedSetNumber)
{
    public bool IsStale => PinnedSetNumber is not null && CurrentLockedSetNumber is not null && PinnedSetNumber < CurrentLockedSetNumber;
}

public sealed record DialogueView(int Id, int Position, int CharacterId, string Speaker, string Text);

public sealed record CharacterRef(int Id, string Name, int? LockedSetNumber, int? LockedSetCoverImageId);

/// <summary>The editable fields of a shot, with the version the editor loaded.</summary>
public sealed record ShotEdit(
    int ShotId, int Version, string Title, string Description, string Prompt, string NegativePrompt,
    CameraMove CameraMove, double DurationSeconds, long Seed, int Steps, double Guidance, double ReferenceStrength,
    IReadOnlyList<PlacementEdit> Characters, IReadOnlyList<DialogueEdit> Dialogue);

public sealed record PlacementEdit(int CharacterId, double X, double Y, double Scale, int ZOrder);

/// <summary>A dialogue line as saved: <paramref name="Id"/> names the existing line it updates, null adds one.</summary>
public sealed record DialogueEdit(int CharacterId, string Text, int? Id = null);

namespace ExplainerStudio.Web.Characters;

public sealed record CharacterSummary(int Id, string Name, string Description, int? LockedSetNumber, int? CoverImageId, int ShotCount, int StaleShotCount);

public sealed record CharacterDetail(
    int Id, int ProjectId, string Name, string Description, string Voice, int Pitch, int Rate, int Version,
    IReadOnlyList<ReferenceSetView> Sets, IReadOnlyList<ShotUsage> Usage)
{
    public ReferenceSetView? CurrentLocked => Sets.Where(s => s.IsLocked).MaxBy(s => s.Number);
    public ReferenceSetView? Draft => Sets.FirstOrDefault(s => !s.IsLocked);
}

public sealed record ReferenceSetView(
    int Id, int Number, bool IsLocked, DateTimeOffset CreatedAt, DateTimeOffset? LockedAt, string? LockedBy, int Version,
    IReadOnlyList<ReferenceImageView> Images);

public sealed record ReferenceImageView(int Id, string DisplayName, string Sha256, long ByteSize, int Width, int Height);

/// <summary>A shot that places the character, with the reference version it is pinned to.</summary>
public sealed record ShotUsage(int ShotId, string SceneTitle, string ShotTitle, int? PinnedSetNumber, bool IsStale);

public sealed record CharacterEdit(int CharacterId, int Version, string Name, string Description, string Voice, int Pitch, int Rate);

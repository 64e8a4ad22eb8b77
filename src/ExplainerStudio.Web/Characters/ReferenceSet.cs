namespace ExplainerStudio.Web.Characters;

/// <summary>
/// A versioned group of reference images. While a draft it takes uploads; once locked it is immutable, and a
/// change starts the next version as a new draft.
/// </summary>
public sealed class ReferenceSet
{
    public int Id { get; set; }
    public int CharacterId { get; set; }
    public Character? Character { get; set; }

    /// <summary>1, 2, 3… per character.</summary>
    public int Number { get; set; }
    public bool IsLocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    public string? LockedByUserId { get; set; }
    public int Version { get; set; }
    public List<ReferenceImage> Images { get; set; } = [];
}

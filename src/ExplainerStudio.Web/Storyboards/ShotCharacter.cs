using ExplainerStudio.Web.Characters;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>A character placed in a shot's frame, pinned to the reference set version the shot was planned with.</summary>
public sealed class ShotCharacter
{
    public int Id { get; set; }
    public int ShotId { get; set; }
    public Shot? Shot { get; set; }
    public int CharacterId { get; set; }
    public Character? Character { get; set; }

    /// <summary>Horizontal centre, 0 (left edge) to 1 (right edge).</summary>
    public double X { get; set; } = 0.5;

    /// <summary>Vertical centre, 0 (top) to 1 (bottom).</summary>
    public double Y { get; set; } = 0.6;

    /// <summary>Height of the character relative to the frame height.</summary>
    public double Scale { get; set; } = 0.7;
    public int ZOrder { get; set; }

    /// <summary>
    /// The locked reference set this placement was last rendered or confirmed against; null while the character had
    /// none. Older than the character's current locked set means the shot is stale.
    /// </summary>
    public int? ReferenceSetId { get; set; }
    public ReferenceSet? ReferenceSet { get; set; }
}

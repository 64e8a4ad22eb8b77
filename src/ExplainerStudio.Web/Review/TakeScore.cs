namespace ExplainerStudio.Web.Review;

/// <summary>
/// The consistency scores of one take as stored: its flicker, the frames a seam is judged from, and how it was scored.
/// Its characters' drift rows (<see cref="CharacterDrift"/>) belong to it. A take has at most one; rescoring (after a
/// change of <see cref="MethodVersion"/> or on request) replaces it and its drift rows together.
/// </summary>
public sealed class TakeScore
{
    public int Id { get; set; }
    public int TakeId { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }

    /// <summary>The consistency method that made every figure here; another version is on another scale.</summary>
    public int MethodVersion { get; set; }
    public DateTimeOffset ScoredAt { get; set; }

    /// <summary>Why a character or the flicker could not be scored (a character outside every frame), or null.</summary>
    public string? Note { get; set; }

    /// <summary>Whether the embedding signal was computed (the take's pack has an image encoder).</summary>
    public bool HasEmbeddings { get; set; }
    public int ScoredFrames { get; set; }
    public double ScoringMilliseconds { get; set; }

    /// <summary>Null for a take whose clip has fewer than two frames.</summary>
    public double? Flicker { get; set; }
    public int? FlickerFirstFrame { get; set; }
    public int? FlickerSecondFrame { get; set; }
    public double FlickerDeltaE { get; set; }
    public double FlickerLightnessChange { get; set; }

    /// <summary>The clip's first and last frames, small PNGs, so seams at any cut are scored without decoding clips.</summary>
    public byte[] FirstFramePng { get; set; } = [];
    public byte[] LastFramePng { get; set; } = [];

    public List<CharacterDrift> Characters { get; set; } = [];
}

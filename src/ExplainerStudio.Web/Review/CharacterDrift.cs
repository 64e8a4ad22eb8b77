namespace ExplainerStudio.Web.Review;

/// <summary>
/// One character's <c>DriftScore</c> in one take, as stored: every signal at the worst frame and at its peak, the
/// worst frame itself (a small PNG) with the character's region in it, and the reference it matched best.
/// </summary>
public sealed class CharacterDrift
{
    public int Id { get; set; }
    public int TakeScoreId { get; set; }
    public TakeScore? TakeScore { get; set; }
    public int TakeId { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public int CharacterId { get; set; }
    public string CharacterName { get; set; } = "";
    public int ReferenceSetId { get; set; }
    public int SetNumber { get; set; }
    public int MethodVersion { get; set; }

    /// <summary>The combined score of the worst frame, 0 (same as the references) to 1 (unrelated).</summary>
    public double Score { get; set; }
    public double Colour { get; set; }
    public double Structure { get; set; }
    public double? Embedding { get; set; }
    public double MeanScore { get; set; }
    public double PeakColour { get; set; }
    public double PeakStructure { get; set; }
    public double? PeakEmbedding { get; set; }

    /// <summary>0 = the keyframe, i = the clip's i-th frame.</summary>
    public int WorstFrameIndex { get; set; }

    /// <summary>The best-matching image of the set at the worst frame (its position and id), shown beside it.</summary>
    public int ReferenceIndex { get; set; }
    public int? ReferenceImageId { get; set; }

    /// <summary>The character's region in the worst frame, as fractions of the frame's width and height.</summary>
    public double RegionX { get; set; }
    public double RegionY { get; set; }
    public double RegionWidth { get; set; }
    public double RegionHeight { get; set; }
    public byte[] WorstFramePng { get; set; } = [];
}

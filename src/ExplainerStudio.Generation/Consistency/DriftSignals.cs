namespace ExplainerStudio.Generation.Consistency;

/// <summary>The separate drift signals, each 0 (same as the reference) to 1 (unrelated).</summary>
/// <param name="Colour">Hellinger distance between CIELAB histograms of the character's region and the reference,
/// both weighted towards the reference's subject (its plain backdrop counts for nothing).</param>
/// <param name="Structure"><c>1 − SSIM</c> on lightness between the region and the reference cut and resized to
/// it, clamped to [0, 1].</param>
/// <param name="Embedding">Cosine distance between image-encoder embeddings centred on the encoder's mean over a
/// fixed probe set, clamped to [0, 1]; null when the pack has no image encoder.</param>
public sealed record DriftSignals(double Colour, double Structure, double? Embedding)
{
    /// <summary>The combined score: the mean of the signals present, so every signal weighs the same and a pack
    /// without an image encoder still scores on the same 0..1 scale.</summary>
    public double Combined => Embedding is double embedding ? (Colour + Structure + embedding) / 3 : (Colour + Structure) / 2;
}

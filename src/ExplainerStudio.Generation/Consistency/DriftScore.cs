namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// How far one character in one take drifted from its locked reference set: 0 = the same as the references,
/// 1 = unrelated. The take's score is its worst scored frame, because a character that drifts anywhere in a clip has
/// drifted.
/// </summary>
/// <param name="MethodVersion">The <see cref="ConsistencyMethod.Version"/> that produced it.</param>
/// <param name="Score">The combined score of the worst frame.</param>
/// <param name="WorstFrameIndex">That frame's <see cref="TakeFrame.Index"/>.</param>
/// <param name="ReferenceIndex">The best-matching reference at the worst frame (shown beside it on review).</param>
/// <param name="Signals">The signals at the worst frame.</param>
/// <param name="PeakSignals">Each signal's maximum over the scored frames, for judging the signals one by one.</param>
/// <param name="MeanScore">The combined score averaged over the scored frames.</param>
/// <param name="Frames">Every scored frame, in the order given.</param>
public sealed record DriftScore(
    int MethodVersion,
    double Score,
    int WorstFrameIndex,
    int ReferenceIndex,
    DriftSignals Signals,
    DriftSignals PeakSignals,
    double MeanScore,
    IReadOnlyList<FrameDrift> Frames)
{
    /// <summary>True when the score was made by the current method and can be compared with new ones.</summary>
    public bool IsCurrentMethod => MethodVersion == ConsistencyMethod.Version;
}

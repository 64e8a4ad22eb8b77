namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// How much a take flickers: the largest frame-to-frame colour change after the known camera motion is taken out,
/// 0 (steady) to 1 (a change of <see cref="TemporalFlicker.FullScaleDeltaE"/> or more between two frames).
/// </summary>
/// <param name="MethodVersion">The <see cref="ConsistencyMethod.Version"/> that produced it.</param>
/// <param name="Score">The worst pair's change, mapped to 0..1.</param>
/// <param name="WorstPair">The <see cref="TakeFrame.Index"/> values of the two frames with the largest change;
/// null when fewer than two frames were given.</param>
/// <param name="WorstDeltaE">That pair's change in CIELAB ΔE (the median over a 4×4 grid of block mean colours).</param>
/// <param name="WorstLightnessChange">That pair's change of mean L* (signed: positive = the later frame is brighter).</param>
/// <param name="PairChanges">The change (ΔE) of every consecutive pair, in order.</param>
public sealed record FlickerScore(
    int MethodVersion,
    double Score,
    FramePair? WorstPair,
    double WorstDeltaE,
    double WorstLightnessChange,
    IReadOnlyList<double> PairChanges);

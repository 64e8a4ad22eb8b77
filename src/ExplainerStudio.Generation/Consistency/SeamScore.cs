namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// How hard a cut jumps: the last frame of one take against the first frame of the next, 0 (matched) to 1.
/// </summary>
/// <param name="MethodVersion">The <see cref="ConsistencyMethod.Version"/> that produced it.</param>
/// <param name="Score"><c>1 − (1 − colour)(1 − brightness)</c>: high when either jumps.</param>
/// <param name="ColourDistance">Hellinger distance between the two frames' CIELAB histograms, 0..1.</param>
/// <param name="LightnessJump">Mean L* of the first frame after the cut minus that of the last frame before it.</param>
/// <param name="Brightness"><c>|LightnessJump| / SeamScorer.FullScaleLightness</c>, clamped to 1.</param>
public sealed record SeamScore(int MethodVersion, double Score, double ColourDistance, double LightnessJump, double Brightness);

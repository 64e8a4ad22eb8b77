using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>Scores the colour and brightness jump at a cut between two consecutive takes (<see cref="SeamScore"/>).</summary>
public static class SeamScorer
{
    /// <summary>A mean-lightness jump of this many L* units counts as a full brightness jump.</summary>
    public const double FullScaleLightness = 25;

    private const int GridSide = 64;

    /// <summary>Scores the cut from <paramref name="lastFrameBefore"/> to <paramref name="firstFrameAfter"/>; the
    /// frames may differ in size.</summary>
    public static SeamScore Score(RgbImage lastFrameBefore, RgbImage firstFrameAfter)
    {
        ArgumentNullException.ThrowIfNull(lastFrameBefore);
        ArgumentNullException.ThrowIfNull(firstFrameAfter);
        LabImage before = Grid(lastFrameBefore);
        LabImage after = Grid(firstFrameAfter);
        double colour = ColourHistogram.Distance(ColourHistogram.Build(before, default), ColourHistogram.Build(after, default));
        double jump = after.L.Average() - before.L.Average();
        double brightness = Math.Min(1, Math.Abs(jump) / FullScaleLightness);
        return new SeamScore(ConsistencyMethod.Version, 1 - ((1 - colour) * (1 - brightness)), colour, jump, brightness);
    }

    private static LabImage Grid(RgbImage frame)
    {
        double shrink = GridSide / (double)Math.Max(frame.Width, frame.Height);
        int width = Math.Max(1, (int)Math.Round(frame.Width * shrink));
        int height = Math.Max(1, (int)Math.Round(frame.Height * shrink));
        return LabImage.From(ImageResampler.Resize(frame, width, height));
    }
}

using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Tests.Imaging;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class SeamScorerTests
{
    [Fact]
    public void HardColourJump_ScoresAboveAMatchedCut()
    {
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, new LayoutPlacement(ConsistencyImages.RedDisc(), 0.4, 0.5, 0.6));
        RgbImage endOfFirst = CameraMotion.RenderFrame(keyframe, CameraMove.PanRight, 1);
        RgbImage startOfSecond = CameraMotion.RenderFrame(keyframe, CameraMove.ZoomIn, 0.1);
        RgbImage graded = TestImages.Make(160, 96, (x, y) =>
        {
            RgbColor c = startOfSecond.GetPixel(x, y);
            return new RgbColor((byte)Math.Min(255, c.R + 20), (byte)(c.G * 0.7), (byte)(c.B * 0.5));
        });
        var thresholds = new ConsistencyThresholds();

        SeamScore matched = SeamScorer.Score(endOfFirst, startOfSecond);
        SeamScore jump = SeamScorer.Score(endOfFirst, graded);

        Assert.True(jump.Score > matched.Score, $"jump {jump.Score} vs matched {matched.Score}");
        Assert.True(thresholds.IsVisibleSeam(jump));
        Assert.False(thresholds.IsVisibleSeam(matched));
        Assert.True(jump.LightnessJump < 0);
    }

    [Fact]
    public void IdenticalFrames_ScoreZero_AndABrightnessJumpIsSigned()
    {
        RgbImage frame = ConsistencyImages.Layout(160, 96, new LayoutPlacement(ConsistencyImages.RedDisc(), 0.4, 0.5, 0.6));

        SeamScore same = SeamScorer.Score(frame, frame);
        SeamScore darker = SeamScorer.Score(frame, ConsistencyImages.AddLevels(frame, -60));

        Assert.InRange(same.Score, 0, 0.001);
        Assert.Equal(ConsistencyMethod.Version, same.MethodVersion);
        Assert.True(darker.LightnessJump < -10);
        Assert.True(darker.Score > same.Score);
    }
}

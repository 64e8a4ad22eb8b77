using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class TemporalFlickerTests
{
    private const int FrameCount = 10;

    [Fact]
    public void SteadyPan_DoesNotFlicker_BecauseTheCameraMotionIsCompensated()
    {
        List<TakeFrame> frames = Pan();

        FlickerScore score = TemporalFlicker.Score(frames);

        Assert.True(frames[0].Image != frames[^1].Image, "The pan must really move the picture.");
        Assert.False(new ConsistencyThresholds().IsFlickering(score), $"steady pan scored {score.Score}");
        Assert.Equal(FrameCount - 1, score.PairChanges.Count);
        Assert.Equal(ConsistencyMethod.Version, score.MethodVersion);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void BrightnessJump_IsFoundAtTheRightFramePair(int jumpAt)
    {
        List<TakeFrame> frames = Pan()
            .Select(f => f.Index >= jumpAt ? f with { Image = ConsistencyImages.AddLevels(f.Image, -30) } : f)
            .ToList();

        FlickerScore score = TemporalFlicker.Score(frames);

        Assert.Equal(new FramePair(jumpAt - 1, jumpAt), score.WorstPair);
        Assert.True(new ConsistencyThresholds().IsFlickering(score), $"planted jump scored {score.Score}");
        Assert.True(score.WorstLightnessChange < 0);
    }

    [Fact]
    public void SingleFrame_HasNoPair()
    {
        FlickerScore score = TemporalFlicker.Score(Pan().Take(1));

        Assert.Null(score.WorstPair);
        Assert.Equal(0, score.Score);
    }

    private static List<TakeFrame> Pan()
    {
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, new LayoutPlacement(ConsistencyImages.RedDisc(), 0.4, 0.5, 0.6));
        return Enumerable.Range(1, FrameCount)
            .Select(i => TakeFrame.FromShot(i, FrameCount, CameraMotion.RenderFrame(keyframe, CameraMove.PanRight, i / (double)FrameCount), CameraMove.PanRight))
            .ToList();
    }
}

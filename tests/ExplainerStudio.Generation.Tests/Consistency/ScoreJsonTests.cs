using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Consistency;

/// <summary>Scores are stored with the take as JSON; everything a reviewer sees must come back.</summary>
public sealed class ScoreJsonTests
{
    [Fact]
    public void DriftAndFlickerScores_RoundTripThroughJson()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.45, 0.5, 0.6);
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, placement);
        List<TakeFrame> frames = Enumerable.Range(0, 5)
            .Select(i => TakeFrame.FromShot(i, 4, i == 0 ? keyframe : CameraMotion.RenderFrame(keyframe, CameraMove.ZoomIn, i / 4.0), CameraMove.ZoomIn))
            .ToList();
        DriftScore drift = new DriftScorer().Score(frames, placement, [reference, ConsistencyImages.Checks()]);
        FlickerScore flicker = TemporalFlicker.Score(frames.Skip(1));

        DriftScore driftBack = JsonSerializer.Deserialize<DriftScore>(JsonSerializer.Serialize(drift))!;
        FlickerScore flickerBack = JsonSerializer.Deserialize<FlickerScore>(JsonSerializer.Serialize(flicker))!;

        Assert.Equal(drift with { Frames = [] }, driftBack with { Frames = [] });
        Assert.Equal(drift.Frames, driftBack.Frames);
        Assert.Equal(flicker.WorstPair, flickerBack.WorstPair);
        Assert.Equal(flicker.PairChanges, flickerBack.PairChanges);
        Assert.Equal(flicker.Score, flickerBack.Score);
    }
}

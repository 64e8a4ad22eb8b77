using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class CharacterRegionTests
{
    [Theory]
    [InlineData(CameraMove.PanRight)]
    [InlineData(CameraMove.PanLeft)]
    [InlineData(CameraMove.ZoomIn)]
    [InlineData(CameraMove.TiltDown)]
    public void TrackedRegion_FollowsTheCharacterAlongTheMove(CameraMove move)
    {
        var placement = new LayoutPlacement(ConsistencyImages.RedDisc(), 0.45, 0.5, 0.5);
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, placement, feather: 0);
        var centres = new List<double>();

        for (int i = 0; i <= 8; i++)
        {
            RgbImage image = i == 0 ? keyframe : CameraMotion.RenderFrame(keyframe, move, i / 8.0);
            TakeFrame frame = TakeFrame.FromShot(i, 8, image, move);
            TrackedRegion region = CharacterRegion.InFrame(frame, placement, edgeFeather: 0)!;
            (double x, double y) = RedCentroid(image);

            Assert.InRange(x, region.Crop.X + (region.Crop.Width / 2) - 1, region.Crop.X + (region.Crop.Width / 2) + 1);
            Assert.InRange(y, region.Crop.Y + (region.Crop.Height / 2) - 1, region.Crop.Y + (region.Crop.Height / 2) + 1);
            centres.Add(region.Crop.X);
        }

        if (move == CameraMove.PanRight)
        {
            Assert.True(centres.Skip(1).Zip(centres.Skip(2)).All(p => p.Second < p.First), "Panning right moves the character left in the frame.");
        }
    }

    [Fact]
    public void DriftAlongAPan_StaysNearZeroForTheSamePicture()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.45, 0.5, 0.6);
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, placement);
        List<TakeFrame> frames = Enumerable.Range(0, 9)
            .Select(i => TakeFrame.FromShot(i, 8, i == 0 ? keyframe : CameraMotion.RenderFrame(keyframe, CameraMove.PanRight, i / 8.0), CameraMove.PanRight))
            .ToList();

        DriftScore score = new DriftScorer().Score(frames, placement, [reference]);

        Assert.Equal(9, score.Frames.Count);
        Assert.InRange(score.Score, 0, 0.1);
    }

    [Fact]
    public void CharacterPartlyOutsideTheFrame_IsCutToItsVisiblePart()
    {
        var placement = new LayoutPlacement(ConsistencyImages.RedDisc(), 0.98, 0.5, 0.5);
        RgbImage keyframe = ConsistencyImages.Layout(160, 96, placement, feather: 0);

        TrackedRegion region = CharacterRegion.InFrame(TakeFrame.Keyframe(keyframe), placement, edgeFeather: 0)!;

        Assert.Equal(160, region.Crop.X + region.Crop.Width, 6);
        Assert.Equal(0, region.ReferenceFraction.X, 6);
        Assert.InRange(region.ReferenceFraction.Width, 0.4, 0.7);
        Assert.Equal(1, region.ReferenceFraction.Height, 6);
    }

    [Fact]
    public void KeyframeRegion_LeavesOutTheFeatheredRim()
    {
        var placement = new LayoutPlacement(ConsistencyImages.RedDisc(), 0.5, 0.5, 0.5);

        CropWindow hard = CharacterRegion.InKeyframe(placement, 200, 100, edgeFeather: 0);
        CropWindow soft = CharacterRegion.InKeyframe(placement, 200, 100, edgeFeather: 0.1);

        Assert.Equal(new CropWindow(75, 25, 50, 50), hard);
        Assert.Equal(new CropWindow(80, 30, 40, 40), soft);
    }

    private static (double X, double Y) RedCentroid(RgbImage image)
    {
        double sx = 0;
        double sy = 0;
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                RgbColor c = image.GetPixel(x, y);
                if (c.R - c.G > 60)
                {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    count++;
                }
            }
        }

        return (sx / count, sy / count);
    }
}

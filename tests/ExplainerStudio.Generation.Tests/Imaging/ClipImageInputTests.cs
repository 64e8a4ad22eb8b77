using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class ClipImageInputTests
{
    private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    [Fact]
    public void Create_NormalisesEachChannelWithClipMeanAndStd()
    {
        RgbImage image = RgbImage.Solid(300, 500, new RgbColor(255, 128, 0));

        float[] input = ClipImageInput.Create(image);

        const int Plane = 224 * 224;
        Assert.Equal(3 * Plane, input.Length);
        Assert.All(input.AsSpan(0, Plane).ToArray(), v => Assert.Equal((1f - Mean[0]) / Std[0], v, 1e-5));
        Assert.All(input.AsSpan(Plane, Plane).ToArray(), v => Assert.Equal(((128 / 255f) - Mean[1]) / Std[1], v, 1e-5));
        Assert.All(input.AsSpan(2 * Plane, Plane).ToArray(), v => Assert.Equal((0f - Mean[2]) / Std[2], v, 1e-5));
    }

    [Fact]
    public void Create_CentreCropsTheLongerSide()
    {
        // 448 × 224: the shorter side is already 224, so the crop is columns 112 … 335 at 1:1.
        RgbImage image = TestImages.Make(448, 224, (x, _) => x < 224 ? new RgbColor(255, 0, 0) : new RgbColor(0, 0, 255));

        float[] input = ClipImageInput.Create(image);

        float red = (1f - Mean[0]) / Std[0];
        float noRed = (0f - Mean[0]) / Std[0];
        Assert.Equal(red, input[(10 * 224) + 111], 1e-5);
        Assert.Equal(noRed, input[(10 * 224) + 112], 1e-5);
    }

    [Fact]
    public void Fill_HonoursASmallerSizeAndChecksTheDestination()
    {
        RgbImage image = RgbImage.Solid(64, 32, RgbColor.White);

        var input = new float[3 * 16 * 16];
        ClipImageInput.Fill(image, input, size: 16);

        Assert.All(input.AsSpan(0, 256).ToArray(), v => Assert.Equal((1f - Mean[0]) / Std[0], v, 1e-5));
        Assert.Throws<ArgumentException>(() => ClipImageInput.Fill(image, new float[10], size: 16));
    }
}

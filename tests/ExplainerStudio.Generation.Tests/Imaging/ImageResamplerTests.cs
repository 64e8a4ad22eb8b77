using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class ImageResamplerTests
{
    [Fact]
    public void Resize_EnlargingInterpolatesBetweenPixelCentres()
    {
        // Output centres sit at source positions −0.25, 0.25, 0.75, 1.25 (pixel units, centres at i + 0.5 − 0.5).
        RgbImage resized = ImageResampler.Resize(TestImages.RedRow(0, 100), 4, 1);

        Assert.Equal([0, 25, 75, 100], TestImages.Reds(resized));
    }

    [Fact]
    public void Resize_ShrinkingAveragesWithAWidenedTriangle()
    {
        // Halving: radius-2 triangle; output 0 weighs source 0, 1, 2 by 0.75, 0.75, 0.25 → 125/1.75 = 71.4;
        // output 1 weighs 1, 2, 3 by 0.25, 0.75, 0.75 → 220/1.75 = 125.7.
        RgbImage resized = ImageResampler.Resize(TestImages.RedRow(0, 100, 200, 60), 2, 1);

        Assert.Equal([71, 126], TestImages.Reds(resized));
    }

    [Fact]
    public void Resize_ToTheSameSizeIsExact()
    {
        RgbImage image = TestImages.Make(5, 4, (x, y) => new RgbColor((byte)(x * 50), (byte)(y * 60), (byte)(x * y)));

        Assert.Equal(image, ImageResampler.Resize(image, 5, 4));
    }

    [Fact]
    public void Resize_KeepsAUniformImageUniformAtAnySize()
    {
        RgbImage image = RgbImage.Solid(7, 5, new RgbColor(10, 200, 77));

        Assert.Equal(RgbImage.Solid(3, 11, new RgbColor(10, 200, 77)), ImageResampler.Resize(image, 3, 11));
        Assert.Equal(RgbImage.Solid(29, 2, new RgbColor(10, 200, 77)), ImageResampler.Resize(image, 29, 2));
    }

    [Fact]
    public void Resample_AWholePixelWindowAtOneToOneIsACrop()
    {
        RgbImage image = TestImages.Make(4, 4, (x, y) => new RgbColor((byte)((y * 4) + x), 0, 0));

        RgbImage crop = ImageResampler.Resample(image, new CropWindow(1, 1, 2, 2), 2, 2);

        Assert.Equal([5, 6, 9, 10], TestImages.Reds(crop));
    }

    [Fact]
    public void Cover_CropsTheOverflowEquallyAndKeepsAspect()
    {
        RgbImage wide = TestImages.Make(20, 10, (x, _) => x < 10 ? new RgbColor(0, 255, 0) : new RgbColor(0, 0, 255));

        RgbImage covered = ImageResampler.Cover(wide, 10, 10);

        Assert.Equal(new CropWindow(5, 0, 10, 10), ImageResampler.CoverWindow(20, 10, 10, 10));
        Assert.Equal(new RgbColor(0, 255, 0), covered.GetPixel(4, 5));
        Assert.Equal(new RgbColor(0, 0, 255), covered.GetPixel(5, 5));
        Assert.Equal(new CropWindow(0, 2.5, 10, 5), ImageResampler.CoverWindow(10, 10, 20, 10));
    }

    [Fact]
    public void Resample_RejectsAnEmptyWindowAndAWrongSizedDestination()
    {
        RgbImage image = RgbImage.Solid(4, 4, RgbColor.White);

        Assert.Throws<ArgumentException>(() => ImageResampler.Resample(image, new CropWindow(0, 0, 0, 4), 2, 2));
        Assert.Throws<ArgumentException>(() => ImageResampler.Resample(image, new CropWindow(0, 0, 4, 4), 2, 2, new byte[11]));
    }

    [Theory]
    [InlineData(CameraMove.DollyIn)]
    [InlineData(CameraMove.ZoomOut)]
    [InlineData(CameraMove.PanRight)]
    [InlineData(CameraMove.TiltUp)]
    public void CameraMoveFrames_EqualTheScalarReferenceByteForByte(CameraMove move)
    {
        RgbImage keyframe = Noise(1280, 720, seed: (int)move);

        foreach (double t in new[] { 0.01, 1 / 3.0, 0.5, 0.97, 1.0 })
        {
            CropWindow window = CameraMotion.Window(move, t, keyframe.Width, keyframe.Height);

            Assert.Equal(ScalarReferenceResampler.Resample(keyframe, window, keyframe.Width, keyframe.Height), CameraMotion.RenderFrame(keyframe, move, t));
        }
    }

    [Fact]
    public void RandomWindowsAndSizes_EqualTheScalarReferenceByteForByte()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 60; trial++)
        {
            RgbImage source = Noise(random.Next(1, 300), random.Next(1, 200), seed: trial);
            double x = (random.NextDouble() * source.Width * 1.2) - (source.Width * 0.1);
            double y = (random.NextDouble() * source.Height * 1.2) - (source.Height * 0.1);
            var window = new CropWindow(x, y, 0.05 + (random.NextDouble() * source.Width), 0.05 + (random.NextDouble() * source.Height));
            int width = random.Next(1, 400);
            int height = random.Next(1, 260);

            Assert.Equal(ScalarReferenceResampler.Resample(source, window, width, height), ImageResampler.Resample(source, window, width, height));
        }
    }

    [Fact]
    public void SpanDestination_GetsTheSameBytesAsANewImage()
    {
        RgbImage source = Noise(640, 360, seed: 5);
        var window = new CropWindow(13.25, 7.5, 512.3, 288.1);
        var destination = new byte[640 * 360 * 3];

        ImageResampler.Resample(source, window, 640, 360, destination.AsSpan());

        Assert.Equal(ImageResampler.Resample(source, window, 640, 360).Pixels, destination);
    }

    private static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}

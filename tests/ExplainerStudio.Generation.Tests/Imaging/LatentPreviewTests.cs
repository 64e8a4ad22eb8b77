using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class LatentPreviewTests
{
    [Fact]
    public void Render_MapsEachLatentPixelThroughTheStableDiffusionFactors()
    {
        // Two latent pixels, planar [4, 1, 2]: pixel 0 has only channel 0 = 1, pixel 1 only channel 3 = 1.
        float[] latents = [1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f];

        RgbImage preview = LatentPreview.Render(latents, 2, 1);

        // (0.298, 0.207, 0.208) → round((v + 1)/2·255) = 165, 154, 154;
        // (−0.184, −0.271, −0.473) → 104, 93, 67.
        Assert.Equal(new RgbColor(165, 154, 154), preview.GetPixel(0, 0));
        Assert.Equal(new RgbColor(104, 93, 67), preview.GetPixel(1, 0));
    }

    [Fact]
    public void Render_UsesACustomMapWithBias()
    {
        var map = new LatentPreviewMap(
            [1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f],
            [0f, 0f, -1f]);
        float[] latents = [0.5f, -1f, 0.25f, 9f];

        RgbImage preview = LatentPreview.Render(latents, 1, 1, map);

        // R = 0.5 → 191; G = −1 → 0; B = 0.25 − 1 = −0.75 → 32.
        Assert.Equal(new RgbColor(191, 0, 32), preview.GetPixel(0, 0));
    }

    [Fact]
    public void Render_RejectsLatentsOfTheWrongSize()
    {
        Assert.Throws<ArgumentException>(() => LatentPreview.Render(new float[12], 2, 2));
        Assert.Throws<ArgumentException>(() => new LatentPreviewMap(new float[11], new float[3]));
    }
}

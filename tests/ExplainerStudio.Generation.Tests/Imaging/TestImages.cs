using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

internal static class TestImages
{
    /// <summary>An image whose pixels come from <paramref name="color"/>(x, y).</summary>
    public static RgbImage Make(int width, int height, Func<int, int, RgbColor> color)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                RgbColor c = color(x, y);
                int at = ((y * width) + x) * 3;
                pixels[at] = c.R;
                pixels[at + 1] = c.G;
                pixels[at + 2] = c.B;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>One row of red values; green and blue 0.</summary>
    public static RgbImage RedRow(params byte[] reds) => Make(reds.Length, 1, (x, _) => new RgbColor(reds[x], 0, 0));

    public static byte[] Reds(RgbImage image) => Enumerable.Range(0, image.Width * image.Height).Select(p => image.Pixels[p * 3]).ToArray();
}

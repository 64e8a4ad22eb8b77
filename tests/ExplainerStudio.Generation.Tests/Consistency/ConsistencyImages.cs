using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Tests.Imaging;

namespace ExplainerStudio.Generation.Tests.Consistency;

internal static class ConsistencyImages
{
    public static readonly RgbColor Background = new(214, 228, 240);

    /// <summary>A red disc with a dark stripe on a light backdrop: character art with a plain background.</summary>
    public static RgbImage RedDisc(int side = 96) => TestImages.Make(side, side, (x, y) =>
    {
        double u = ((x + 0.5) / side) - 0.5;
        double v = ((y + 0.5) / side) - 0.5;
        if ((u * u) + (v * v) >= 0.33 * 0.33)
        {
            return new RgbColor(238, 241, 245);
        }

        return Math.Abs(v) < 0.05 ? new RgbColor(60, 20, 20) : new RgbColor(210, 50, 45);
    });

    /// <summary>Green and blue checks with no backdrop: nothing in common with <see cref="RedDisc"/>.</summary>
    public static RgbImage Checks(int side = 96) => TestImages.Make(side, side, (x, y) =>
        ((x / 8) + (y / 8)) % 2 == 0 ? new RgbColor(20, 160, 60) : new RgbColor(20, 40, 150));

    public static RgbImage Layout(int width, int height, LayoutPlacement placement, double feather = LayoutImage.DefaultEdgeFeather) =>
        new LayoutImage(width, height, LayoutBackground.Solid(Background), [placement], feather).Render();

    public static RgbImage AddLevels(RgbImage image, int levels)
    {
        var pixels = new byte[image.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(image.Pixels[i] + levels, 0, 255);
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }
}

using ExplainerStudio.Media.Images;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>Reference pictures drawn in the test, so no binary fixture files are needed.</summary>
public static class TestImages
{
    /// <summary>A 320×400 PNG: a coloured figure on a gradient, distinct per <paramref name="hue"/>.</summary>
    public static byte[] Figure(byte hue)
    {
        const int width = 320;
        const int height = 400;
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var offset = ((y * width) + x) * RgbImage.BytesPerPixel;
                var dx = x - (width / 2);
                var head = (dx * dx) + ((y - 110) * (y - 110)) < 60 * 60;
                var body = Math.Abs(dx) < 80 && y > 180 && y < 360;
                if (head || body)
                {
                    image.Pixels[offset] = hue;
                    image.Pixels[offset + 1] = (byte)(255 - hue);
                    image.Pixels[offset + 2] = 120;
                }
                else
                {
                    image.Pixels[offset] = (byte)(200 + (y * 55 / height));
                    image.Pixels[offset + 1] = (byte)(210 + (x * 45 / width));
                    image.Pixels[offset + 2] = 235;
                }
            }
        }

        return PngEncoder.Encode(image);
    }
}

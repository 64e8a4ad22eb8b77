using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests;

/// <summary>Images with known pixels, and files that ffmpeg encodes from them.</summary>
internal static class TestImages
{
    public static readonly RgbColor Red = new(220, 40, 40);
    public static readonly RgbColor Green = new(40, 200, 60);
    public static readonly RgbColor Blue = new(40, 60, 210);
    public static readonly RgbColor Yellow = new(230, 220, 40);

    /// <summary>64x48 in four flat quadrants: red, green over blue, yellow.</summary>
    public static RgbImage Quadrants()
    {
        var image = new RgbImage(64, 48);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                image.SetPixel(x, y, (x < 32, y < 24) switch
                {
                    (true, true) => Red,
                    (false, true) => Green,
                    (true, false) => Blue,
                    _ => Yellow,
                });
            }
        }

        return image;
    }

    /// <summary>Encodes <paramref name="image"/> with ffmpeg into the format its extension names (.png, .jpg, .webp, .gif).</summary>
    public static async Task<string> EncodeWithFfmpegAsync(FfmpegRunner runner, RgbImage image, string output, params string[] codecOptions)
    {
        string raw = output + ".rgb";
        await File.WriteAllBytesAsync(raw, image.Pixels);
        FfmpegCommand command = new FfmpegCommand()
            .AddInput(raw, "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", FfmpegValue.Size(image.Width, image.Height))
            .AddOutput(output, ["-frames:v", "1", .. codecOptions]);
        await runner.RunAsync(new FfmpegJob("make-image", command) { WritesLog = false });
        File.Delete(raw);
        return output;
    }

    /// <summary>A busy 320x240 picture (ffmpeg's testsrc2) in the format the extension names.</summary>
    public static async Task<string> BusyPictureAsync(FfmpegRunner runner, string output)
    {
        FfmpegCommand command = new FfmpegCommand()
            .AddGeneratedInput("testsrc2=size=320x240")
            .AddOutput(output, "-frames:v", "1");
        await runner.RunAsync(new FfmpegJob("make-picture", command) { WritesLog = false });
        return output;
    }

    public static void AssertColor(RgbColor expected, RgbColor actual, int tolerance)
    {
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance
                && Math.Abs(expected.G - actual.G) <= tolerance
                && Math.Abs(expected.B - actual.B) <= tolerance,
            $"Expected about {expected} (±{tolerance}) but got {actual}.");
    }
}

using System.Globalization;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Decodes every frame of a take's clip in one ffmpeg run, at a given size, handing each to a callback as it arrives:
/// a whole clip never sits in memory.
/// </summary>
public sealed class TakeClipReader(FfmpegRunner ffmpeg)
{
    /// <summary>Returns the number of frames read.</summary>
    public async Task<int> ReadAsync(string clipPath, int width, int height, Action<int, RgbImage> frame, CancellationToken cancellationToken)
    {
        var frameBytes = width * height * RgbImage.BytesPerPixel;
        var count = 0;
        var command = new FfmpegCommand()
            .WithOptions("-loglevel", "error")
            .AddInput(clipPath)
            .AddStandardOutput(
                "-map", "0:v:0",
                "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=area,format=rgb24"),
                "-f", "rawvideo", "-pix_fmt", "rgb24");
        var job = new FfmpegJob("score-take", command)
        {
            WritesLog = false,
            ReadStandardOutput = async (stdout, token) =>
            {
                while (true)
                {
                    var pixels = new byte[frameBytes];
                    var read = await stdout.ReadAtLeastAsync(pixels, frameBytes, throwOnEndOfStream: false, token);
                    if (read < frameBytes)
                    {
                        return;
                    }
                    count++;
                    frame(count, new RgbImage(width, height, pixels));
                }
            },
        };
        await ffmpeg.RunAsync(job, cancellationToken);
        if (count == 0)
        {
            throw new MediaInputException($"The take's clip '{Path.GetFileName(clipPath)}' has no frames; regenerate the take.");
        }
        return count;
    }
}

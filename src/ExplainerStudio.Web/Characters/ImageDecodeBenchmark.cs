using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Web.Characters;

/// <summary>
/// `./studio.sh bench generation` (or `bench images`): still-image decode time in-process with SkiaSharp against the
/// path the studio used before, one ffmpeg process per image (started here directly, as that decoder did: probe-free,
/// rgb24 to a pipe), on the same files in the same run. Median of several rounds each; both decoders must agree on the
/// size (and, for the lossless PNG, on every pixel) or the run fails instead of comparing unlike work.
/// </summary>
public static class ImageDecodeBenchmark
{
    private const int SkiaRounds = 30;
    private const int FfmpegRounds = 8;

    private static readonly (string Name, string Size, string[] Codec)[] Pictures =
    [
        ("png_512", "512x512", []),
        ("jpeg_1024x768", "1024x768", ["-q:v", "3"]),
        ("webp_512", "512x512", ["-c:v", "libwebp", "-quality", "90"]),
    ];

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        Directory.CreateDirectory(workDirectory);
        var runner = new FfmpegRunner(new MediaOptions());
        var decoder = new ImageDecoder(new MediaOptions());
        var figures = new Dictionary<string, double>();
        foreach (var (name, size, codec) in Pictures)
        {
            var extension = name.Split('_')[0] switch { "jpeg" => ".jpg", var other => "." + other };
            var file = Path.Combine(workDirectory, name + extension);
            await runner.RunAsync(new FfmpegJob("bench-image", new FfmpegCommand()
                .AddGeneratedInput("testsrc2=size=" + size)
                .AddOutput(file, ["-frames:v", "1", .. codec])) { WritesLog = false }, cancellationToken);
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);

            var skia = decoder.Decode(bytes, name);
            var viaFfmpeg = await DecodeWithFfmpegAsync(file, skia.Width, skia.Height, cancellationToken);
            if (name.StartsWith("png", StringComparison.Ordinal) && skia != viaFfmpeg)
            {
                throw new InvalidOperationException($"SkiaSharp and ffmpeg decode {name} to different pixels; the comparison would be meaningless.");
            }

            var skiaMs = Median(SkiaRounds, () =>
            {
                var clock = Stopwatch.StartNew();
                decoder.Decode(bytes, name);
                return clock.Elapsed.TotalMilliseconds;
            });
            var ffmpegTimes = new List<double>();
            for (var round = 0; round < FfmpegRounds; round++)
            {
                var clock = Stopwatch.StartNew();
                await DecodeWithFfmpegAsync(file, skia.Width, skia.Height, cancellationToken);
                ffmpegTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            var ffmpegMs = Median(ffmpegTimes);
            figures[$"image_decode_{name}_skia_ms"] = skiaMs;
            figures[$"image_decode_{name}_ffmpeg_process_ms"] = ffmpegMs;
            figures[$"image_decode_{name}_ffmpeg_vs_skia_ratio"] = ffmpegMs / skiaMs;
        }
        return figures;
    }

    /// <summary>The old decoder's work: one ffmpeg process that writes the picture as rgb24 to its standard output.</summary>
    private static async Task<RgbImage> DecodeWithFfmpegAsync(string file, int width, int height, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-nostdin", "-loglevel", "error", "-xerror", "-noautorotate", "-err_detect", "explode", "-i", file,
                     "-map", "0:v:0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start; install it (apt-get install ffmpeg).");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var pixels = new byte[width * height * RgbImage.BytesPerPixel];
        var read = await process.StandardOutput.BaseStream.ReadAtLeastAsync(pixels, pixels.Length, throwOnEndOfStream: false, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var stderr = await errors;
        if (process.ExitCode != 0 || read != pixels.Length)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"ffmpeg decoded {read} of {pixels.Length} bytes of {Path.GetFileName(file)} (exit {process.ExitCode}): {stderr}"));
        }
        return new RgbImage(width, height, pixels);
    }

    private static double Median(int rounds, Func<double> measure) => Median(Enumerable.Range(0, rounds).Select(_ => measure()).ToList());

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}

using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Video;

/// <summary>Reads single frames out of local video files as <see cref="RgbImage"/> (thumbnails, review stills).</summary>
public sealed class VideoFrameExtractor
{
    private const string ScaleFlags = "area+accurate_rnd+full_chroma_int";
    private readonly FfmpegRunner _runner;

    /// <summary>Creates an extractor that runs ffmpeg through <paramref name="runner"/>.</summary>
    public VideoFrameExtractor(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>The frame shown at <paramref name="position"/>, upright, at the video's display size.</summary>
    /// <exception cref="MediaInputException">Not a readable video, no video stream, or no frame at that position.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed to decode it.</exception>
    public async Task<RgbImage> ExtractFrameAsync(string videoPath, TimeSpan position, CancellationToken cancellationToken = default)
    {
        (MediaProbe probe, int width, int height) = await ProbeAsync(videoPath, cancellationToken).ConfigureAwait(false);
        return await ExtractAsync(videoPath, probe, position, width, height, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The frame shown at <paramref name="position"/>, upright, shrunk with area averaging to fit inside the box
    /// while keeping its aspect ratio (never enlarged).
    /// </summary>
    /// <exception cref="MediaInputException">Not a readable video, no video stream, or no frame at that position.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed to decode it.</exception>
    public async Task<RgbImage> ExtractFrameToFitAsync(
        string videoPath, TimeSpan position, int maxWidth, int maxHeight, CancellationToken cancellationToken = default)
    {
        (MediaProbe probe, int width, int height) = await ProbeAsync(videoPath, cancellationToken).ConfigureAwait(false);
        (int fitWidth, int fitHeight) = ImageDecoder.FitWithin(width, height, maxWidth, maxHeight);
        return await ExtractAsync(videoPath, probe, position, fitWidth, fitHeight, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(MediaProbe Probe, int Width, int Height)> ProbeAsync(string videoPath, CancellationToken cancellationToken)
    {
        MediaProbe probe = await _runner.ProbeAsync(videoPath, cancellationToken).ConfigureAwait(false);
        MediaStreamInfo video = probe.Video is { Width: > 0, Height: > 0 } stream
            ? stream
            : throw new MediaInputException($"'{Path.GetFileName(videoPath)}' has no video stream.");

        // ffmpeg turns frames upright by the display matrix, so the frame has the rotated size.
        bool sideways = Math.Abs(video.Rotation) % 180 == 90;
        return sideways ? (probe, video.Height!.Value, video.Width!.Value) : (probe, video.Width!.Value, video.Height!.Value);
    }

    private async Task<RgbImage> ExtractAsync(
        string videoPath, MediaProbe probe, TimeSpan position, int width, int height, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, TimeSpan.Zero);
        int expected = width * height * RgbImage.BytesPerPixel;
        byte[] pixels = new byte[expected];
        int received = 0;
        FfmpegCommand command = new FfmpegCommand()
            .WithOptions("-loglevel", "error")
            .AddInput(videoPath, "-ss", FfmpegValue.Seconds(position))
            .AddStandardOutput(
                "-map", "0:v:0", "-frames:v", "1",
                "-vf", $"scale={FfmpegValue.Number(width)}:{FfmpegValue.Number(height)}:flags={ScaleFlags},format=rgb24",
                "-f", "rawvideo", "-pix_fmt", "rgb24");
        var job = new FfmpegJob("extract-frame", command)
        {
            WritesLog = false,
            ReadStandardOutput = async (stdout, token) =>
                received = await stdout.ReadAtLeastAsync(pixels, expected, throwOnEndOfStream: false, token).ConfigureAwait(false),
        };

        await _runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
        if (received != expected)
        {
            string length = probe.Duration is { } duration
                ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
                : "of unknown length";
            throw new MediaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{Path.GetFileName(videoPath)}' has no frame at {position.TotalSeconds:0.###} s; the video is {length}."));
        }

        return new RgbImage(width, height, pixels);
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Video;

/// <summary>
/// Encodes raw rgb24 frames into an H.264 MP4 (yuv420p, BT.709, the index at the front for streaming playback). Each
/// frame is converted to yuv420p in-process and streamed to ffmpeg's standard input: half the bytes of rgb24 through the
/// pipe, and no time in ffmpeg's scaler, which cost more than the conversion here. The file is written under a temporary name in the target
/// folder and moved into place only when complete, so a failed or cancelled encode leaves nothing behind.
/// </summary>
public sealed class RawVideoEncoder
{
    private readonly FfmpegRunner _runner;

    /// <summary>Creates an encoder that runs ffmpeg through <paramref name="runner"/>.</summary>
    public RawVideoEncoder(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>
    /// Encodes frames of <see cref="RawVideoFormat.FrameSize"/> bytes each (rgb24, row-major, top row first).
    /// Each frame is written to ffmpeg before the next is requested, so the source may reuse its buffer.
    /// </summary>
    /// <exception cref="MediaInputException">A frame has the wrong size, or the source produced no frames.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg was killed and no file remains.</exception>
    public async Task<VideoEncodeResult> EncodeAsync(
        RawVideoFormat format,
        IAsyncEnumerable<ReadOnlyMemory<byte>> frames,
        string outputPath,
        RawVideoEncodeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        options ??= new RawVideoEncodeOptions();
        options.Validate();

        string target = Path.GetFullPath(outputPath);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException("The output path has no folder.", nameof(outputPath));
        string partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        long written = 0;

        FfmpegCommand command = new FfmpegCommand()
            .AddStandardInput(
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_range", "tv",
                "-s", FfmpegValue.Size(format.Width, format.Height),
                "-r", FfmpegValue.Number(format.FramesPerSecond))
            .AddOutput(
                partial,
                "-c:v", "libx264", "-preset", options.Preset, "-crf", FfmpegValue.Number(options.Crf),
                "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                "-movflags", "+faststart", "-f", "mp4");
        var job = new FfmpegJob(options.JobName, command)
        {
            LogPath = options.LogPath,
            Progress = options.Progress,
            ExpectedDuration = options.ExpectedFrameCount is { } expected ? format.DurationOf(expected) : null,
            WriteStandardInput = async (stdin, token) =>
            {
                // One buffer for the whole clip: each frame is written before the next is converted.
                byte[] yuv = new byte[Yuv420Converter.FrameSize(format.Width, format.Height)];
                await foreach (ReadOnlyMemory<byte> frame in frames.WithCancellation(token).ConfigureAwait(false))
                {
                    if (frame.Length != format.FrameSize)
                    {
                        throw new MediaInputException(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Frame {written} has {frame.Length} bytes; a {format.Width}x{format.Height} rgb24 frame has {format.FrameSize}."));
                    }

                    Yuv420Converter.Convert(frame.Span, format.Width, format.Height, yuv);
                    await stdin.WriteAsync(yuv, token).ConfigureAwait(false);
                    written++;
                }
            },
        };

        bool complete = false;
        try
        {
            FfmpegResult result = await _runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
            if (written == 0)
            {
                throw new MediaInputException("The frame source produced no frames; a video needs at least one.");
            }

            File.Move(partial, target, overwrite: true);
            complete = true;
            return new VideoEncodeResult(target, written, format.DurationOf(written), new FileInfo(target).Length, result.Elapsed);
        }
        finally
        {
            if (!complete)
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>Encodes <see cref="RgbImage"/> frames; each must match the format's size.</summary>
    /// <exception cref="MediaInputException">A frame has the wrong size, or the source produced no frames.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg was killed and no file remains.</exception>
    public Task<VideoEncodeResult> EncodeAsync(
        RawVideoFormat format,
        IAsyncEnumerable<RgbImage> frames,
        string outputPath,
        RawVideoEncodeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(frames);
        return EncodeAsync(format, AsMemory(format, frames, CancellationToken.None), outputPath, options, cancellationToken);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> AsMemory(
        RawVideoFormat format, IAsyncEnumerable<RgbImage> frames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = 0;
        await foreach (RgbImage frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (frame.Width != format.Width || frame.Height != format.Height)
            {
                throw new MediaInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Frame {index} is {frame.Width}x{frame.Height}; the video is {format.Width}x{format.Height}."));
            }

            index++;
            yield return frame.Pixels;
        }
    }
}

using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests;

/// <summary>Commands that make small real media files from ffmpeg's generated sources.</summary>
internal static class TestClips
{
    /// <summary>2 s of 64x48 test pattern at 24 fps (48 frames) with a 440 Hz mono tone at 48 kHz, as H.264/AAC MP4.</summary>
    public static FfmpegCommand TwoSecondClipCommand(string output) => new FfmpegCommand()
        .AddGeneratedInput("testsrc=size=64x48:rate=24:duration=2")
        .AddGeneratedInput("sine=frequency=440:sample_rate=48000:duration=2")
        .AddOutput(output, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "1", "-shortest", "-f", "mp4");

    public static async Task<string> MakeTwoSecondClipAsync(FfmpegRunner runner, string output)
    {
        await runner.RunAsync(new FfmpegJob("make-clip", TwoSecondClipCommand(output)));
        return output;
    }
}

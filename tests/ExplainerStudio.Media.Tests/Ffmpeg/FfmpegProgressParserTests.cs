using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests.Ffmpeg;

public sealed class FfmpegProgressParserTests
{
    [Fact]
    public void Parser_ReportsOneProgressPerBlock_WithFractionOfExpectedDuration()
    {
        var parser = new FfmpegProgressParser(TimeSpan.FromSeconds(4));
        string[] lines =
        [
            "frame=24", "fps=48.5", "stream_0_0_q=28.0", "bitrate=  30.6kbits/s", "total_size=3349",
            "out_time_us=1000000", "out_time_ms=1000000", "out_time=00:00:01.000000", "dup_frames=0",
            "drop_frames=0", "speed=1.5x", "progress=continue",
        ];

        FfmpegProgress?[] reports = [.. lines.Select(parser.ReadLine)];

        Assert.All(reports[..^1], report => Assert.Null(report));
        FfmpegProgress progress = Assert.IsType<FfmpegProgress>(reports[^1]);
        Assert.Equal(new FfmpegProgress(TimeSpan.FromSeconds(1), 24, 48.5, 1.5, 3349, false, 0.25), progress);
    }

    [Fact]
    public void Parser_TreatsNotAvailableAndNegativeValuesAsUnknown()
    {
        var parser = new FfmpegProgressParser(TimeSpan.FromSeconds(4));
        string[] lines = ["frame=0", "fps=0.00", "total_size=N/A", "out_time_us=-9223372036854775807", "speed=N/A", "progress=continue"];

        FfmpegProgress? progress = lines.Select(parser.ReadLine).ToArray()[^1];

        Assert.NotNull(progress);
        Assert.Null(progress.OutTime);
        Assert.Null(progress.TotalSize);
        Assert.Null(progress.Speed);
        Assert.Null(progress.Fraction);
        Assert.Equal(0, progress.Frame);
    }

    [Fact]
    public void Parser_FallsBackToOutTimeClock_AndEndsAtFractionOne()
    {
        var parser = new FfmpegProgressParser(expectedDuration: null);
        string[] lines = ["frame=60", "out_time=00:01:02.500000", "speed= 177x", "progress=end"];

        FfmpegProgress? progress = lines.Select(parser.ReadLine).ToArray()[^1];

        Assert.NotNull(progress);
        Assert.Equal(TimeSpan.FromSeconds(62.5), progress.OutTime);
        Assert.Equal(177, progress.Speed);
        Assert.True(progress.IsEnd);
        Assert.Equal(1.0, progress.Fraction);
    }

    [Fact]
    public void Parser_StartsEachBlockAfresh()
    {
        var parser = new FfmpegProgressParser(null);
        _ = new[] { "frame=10", "total_size=500", "progress=continue" }.Select(parser.ReadLine).ToArray();

        FfmpegProgress? second = new[] { "frame=11", "progress=continue" }.Select(parser.ReadLine).ToArray()[^1];

        Assert.NotNull(second);
        Assert.Equal(11, second.Frame);
        Assert.Null(second.TotalSize);
    }
}

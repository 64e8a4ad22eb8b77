using ExplainerStudio.Media.Subtitles;

namespace ExplainerStudio.Media.Tests.Subtitles;

public sealed class SubtitleWriterTests
{
    private static readonly SubtitleCue[] Cues =
    [
        new(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3.25), "First line\nsecond line"),
        new(TimeSpan.FromSeconds(3661.0005), TimeSpan.FromSeconds(3662), "a < b --> c & d"),
    ];

    [Fact]
    public void ToSrt_NumbersCues_WithCommaMilliseconds()
    {
        string srt = SubtitleWriter.ToSrt(Cues);

        Assert.Equal(
            "1\n00:00:01,500 --> 00:00:03,250\nFirst line\nsecond line\n\n2\n01:01:01,001 --> 01:01:02,000\na < b --> c & d\n\n",
            srt);
    }

    [Fact]
    public void ToWebVtt_HasHeader_DotMilliseconds_AndEscapesMarkup()
    {
        string vtt = SubtitleWriter.ToWebVtt(Cues);

        Assert.Equal(
            "WEBVTT\n\n00:00:01.500 --> 00:00:03.250\nFirst line\nsecond line\n\n01:01:01.001 --> 01:01:02.000\na &lt; b --&gt; c &amp; d\n\n",
            vtt);
    }

    [Fact]
    public async Task WriteSrtAsync_WritesTheFile_AndLeavesNoPartialFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("subs.srt");

        await SubtitleWriter.WriteSrtAsync(path, Cues);

        Assert.Equal(SubtitleWriter.ToSrt(Cues), await File.ReadAllTextAsync(path));
        Assert.Equal(["subs.srt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}

using ExplainerStudio.Media.Subtitles;

namespace ExplainerStudio.Media.Tests.Subtitles;

public sealed class SubtitleCueBuilderTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void WrapLines_BreaksAtSpaces_WithinTheLimit()
    {
        IReadOnlyList<string> lines = SubtitleCueBuilder.WrapLines(
            "The quick brown fox jumps over the lazy dog and then keeps running far away", 20);

        Assert.Equal(["The quick brown fox", "jumps over the lazy", "dog and then keeps", "running far away"], lines);
    }

    [Fact]
    public void WrapLines_CutsAWordLongerThanALine()
    {
        IReadOnlyList<string> lines = SubtitleCueBuilder.WrapLines("go supercalifragilistic", 10);

        Assert.Equal(["go", "supercalif", "ragilistic"], lines);
    }

    [Fact]
    public void Build_LongLine_SplitsIntoCuesOfAtMostTwoLinesOf42Characters()
    {
        string text = string.Join(' ', Enumerable.Repeat("Diffusion models turn noise into pictures step by step.", 4));

        IReadOnlyList<SubtitleCue> cues = SubtitleCueBuilder.Build([new SpokenText(text, S(2), S(14))]);

        Assert.True(cues.Count >= 3);
        Assert.All(cues, cue =>
        {
            Assert.InRange(cue.Lines.Count, 1, 2);
            Assert.All(cue.Lines, line => Assert.InRange(line.Length, 1, 42));
        });
        Assert.Equal(S(2), cues[0].Start);
        Assert.Equal(S(14).TotalSeconds, cues[^1].End.TotalSeconds, 3);
        Assert.Equal(text, string.Join(' ', cues.SelectMany(cue => cue.Lines)));
        for (int index = 1; index < cues.Count; index++)
        {
            Assert.Equal(cues[index - 1].End, cues[index].Start);
        }
    }

    [Fact]
    public void Build_ShortSpeech_StaysOnScreenForAtLeastOneSecond_AndPushesTheNextCue()
    {
        IReadOnlyList<SubtitleCue> cues = SubtitleCueBuilder.Build(
        [
            new SpokenText("Hi.", S(1), S(1.3)),
            new SpokenText("Hello there.", S(1.5), S(3)),
        ]);

        Assert.Equal(2, cues.Count);
        Assert.Equal(S(1), cues[0].Start);
        Assert.Equal(S(2), cues[0].End);
        Assert.Equal(S(2), cues[1].Start);
        Assert.Equal(S(3), cues[1].End);
    }

    [Fact]
    public void Build_SkipsEmptyText()
    {
        IReadOnlyList<SubtitleCue> cues = SubtitleCueBuilder.Build([new SpokenText("   ", S(0), S(2))]);

        Assert.Empty(cues);
    }

    [Fact]
    public void Build_SpeechEndingBeforeItStarts_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SubtitleCueBuilder.Build([new SpokenText("x", S(3), S(2))]));
    }
}

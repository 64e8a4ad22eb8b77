using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("One. Two! Three? Four", new[] { "One.", "Two!", "Three?", "Four" })]
    [InlineData("Dr. Smith arrives. He sits.", new[] { "Dr. Smith arrives.", "He sits." })]
    [InlineData("Use a scheduler, e.g. Euler, for speed. It works.", new[] { "Use a scheduler, e.g. Euler, for speed.", "It works." })]
    [InlineData("Guidance is 7.5 by default. Steps are 20.", new[] { "Guidance is 7.5 by default.", "Steps are 20." })]
    [InlineData("J. R. R. Tolkien wrote it. Then he rested.", new[] { "J. R. R. Tolkien wrote it.", "Then he rested." })]
    [InlineData("He said \"Stop.\" Then he left.", new[] { "He said \"Stop.\"", "Then he left." })]
    [InlineData("Wait... What happened?", new[] { "Wait...", "What happened?" })]
    [InlineData("the end. lowercase goes on", new[] { "the end. lowercase goes on" })]
    [InlineData("It costs approx. 3 dollars. Cheap.", new[] { "It costs approx. 3 dollars.", "Cheap." })]
    public void SplitsAtSentenceEnds_NotAtAbbreviationsInitialsOrDecimals(string text, string[] expected)
    {
        Assert.Equal(expected, SentenceSplitter.Split(text));
    }

    [Fact]
    public void SpeechEstimate_GrowsWithTextAndFallsWithRate()
    {
        const string text = "Diffusion models start from pure noise and remove a little of it at every step, guided by the prompt.";

        var normal = SpeechEstimate.Seconds(text, 165);

        // espeak-ng 1.51 says this sentence in 6.2 s at 165 words per minute.
        Assert.InRange(normal, 5.6, 6.8);
        Assert.True(SpeechEstimate.Seconds(text, 330) < normal * 0.6);
        Assert.True(SpeechEstimate.Seconds(text + " " + text, 165) > normal * 1.8);
        Assert.Equal(0, SpeechEstimate.Seconds("  ", 165));
    }
}

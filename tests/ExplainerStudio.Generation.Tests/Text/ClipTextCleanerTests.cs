using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Text;

/// <summary>
/// Cases worked out from what the reference tokenizer's cleaning does (ftfy.fix_text with its defaults, then
/// html.unescape twice, whitespace_clean, str.lower()), one behaviour per case.
/// </summary>
public sealed class ClipTextCleanerTests
{
    [Theory]
    [InlineData("\u201CQuoted\u201D and \u2018single\u2019", "\"quoted\" and 'single'")]
    [InlineData("don\u2019t", "don't")]
    [InlineData("\uFB01ne \uFB02owers \uFB03x", "fine flowers ffix")]
    [InlineData("\uFF21\uFF29\u3000\uFF56\uFF49\uFF44\uFF45\uFF4F\uFF01", "ai video!")]
    [InlineData("a\u0000b\u0007c\u007Fd\uFEFFe\u200Bf", "abcde\u200Bf")]
    [InlineData("caf\u00C3\u00A9 cr\u00C3\u00A8me", "café crème")]
    [InlineData("\u00E2\u20AC\u0153smart quotes\u00E2\u20AC\u009D", "\"smart quotes\"")]
    [InlineData("caf\u00E9 stays", "café stays")]
    [InlineData("Tom &amp; Jerry &lt;3", "tom & jerry <3")]
    [InlineData("&amp;amp; twice", "& twice")]
    [InlineData("&ldquo;hi&rdquo;", "\"hi\"")]
    [InlineData("<b>&ldquo;hi&rdquo;</b>", "<b>\u201Chi\u201D</b>")]
    [InlineData("e\u0301clair", "\u00E9clair")]
    [InlineData("  many \t\n  spaces\u00A0here  ", "many spaces here")]
    [InlineData("\u001B[31mred\u001B[0m text", "red text")]
    [InlineData("\u0130stanbul", "i\u0307stanbul")]
    [InlineData("\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3", "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03C5\u03C2")]
    [InlineData("\u03A3 alone", "\u03C3 alone")]
    [InlineData("A\u03A3.", "a\u03C2.")]
    [InlineData("\u0080euro", "\u20ACeuro")]
    public void Clean_MatchesTheReferenceTokenizersCleaning(string input, string expected)
    {
        Assert.Equal(expected, ClipTextCleaner.Clean(input));
    }

    [Fact]
    public void Clean_LeavesOrdinaryPromptsAlone()
    {
        Assert.Equal("a watercolour fox, 4k, by the river", ClipTextCleaner.Clean("A watercolour fox, 4K, by the river"));
    }

    [Fact]
    public void LoneSurrogates_BecomeReplacementCharacters()
    {
        Assert.Equal("a\uFFFDb", ClipTextCleaner.Clean("a\uD800b"));
    }
}

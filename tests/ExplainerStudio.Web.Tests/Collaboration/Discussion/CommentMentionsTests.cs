using ExplainerStudio.Web.Collaboration.Comments;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

public sealed class CommentMentionsTests
{
    private static readonly MentionCandidate Ada = new("1", "Ada");
    private static readonly MentionCandidate AdaLovelace = new("2", "Ada Lovelace");
    private static readonly MentionCandidate Pixel = new("3", "Pixel");
    private static readonly MentionCandidate[] Members = [Ada, AdaLovelace, Pixel];

    [Theory]
    [InlineData("@Ada Lovelace, please", new[] { "2" }, new string[0])]
    [InlineData("@Ada, please", new[] { "1" }, new string[0])]
    [InlineData("@ada and @PIXEL.", new[] { "1", "3" }, new string[0])]
    [InlineData("(@Pixel) @Pixel", new[] { "3" }, new string[0])]
    [InlineData("mail ada@example.com or @ alone", new string[0], new string[0])]
    [InlineData("@Adam and @Bob.", new string[0], new[] { "Adam", "Bob" })]
    [InlineData("@Ada's take", new[] { "1" }, new string[0])]
    public void Find_TakesTheLongestMemberName_AndReportsOthers(string body, string[] members, string[] unknown)
    {
        var scan = CommentMentions.Find(body, Members);

        Assert.Equal(members, scan.Members.Select(m => m.UserId));
        Assert.Equal(unknown, scan.Unknown);
    }

    [Theory]
    [InlineData("Hello @Ad", "Ad")]
    [InlineData("Hello @", "")]
    [InlineData("@Ada Lo", "Ada Lo")]
    [InlineData("mail a@b", null)]
    [InlineData("Hello @Ada\nnext", null)]
    [InlineData("no mention", null)]
    public void TypedPrefix_IsTheMentionAtTheEnd(string text, string? prefix) =>
        Assert.Equal(prefix, CommentMentions.TypedPrefix(text));

    [Fact]
    public void Complete_ReplacesTheTypedPrefixWithTheName() =>
        Assert.Equal("Hi @Ada Lovelace ", CommentMentions.Complete("Hi @ad", AdaLovelace));
}

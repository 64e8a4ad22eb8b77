using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

public sealed class DiscussionOptionsTests
{
    [Theory]
    [InlineData("Discussion:MaxCommentLength", "0")]
    [InlineData("Discussion:MaxMentions", "0")]
    [InlineData("Discussion:InboxPageSize", "5")]
    public async Task BadDiscussionSettings_StopTheStudioFromStarting(string key, string value)
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error);
        Assert.Contains(key.Split(':')[1], validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommentLengthLimit_IsTheConfiguredOne()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Discussion:MaxCommentLength"] = "120", ["Discussion:MaxMentions"] = "1" });
        var project = await DiscussionProject.CreateAsync(factory);
        var editor = project.Members[ExplainerStudio.Web.Collaboration.ProjectRole.Editor];
        var viewer = project.Members[ExplainerStudio.Web.Collaboration.ProjectRole.Viewer];

        await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, new string('a', 120)), project.Owner.Id);
        var tooLong = await Assert.ThrowsAsync<StudioInputException>(() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, new string('a', 121)), project.Owner.Id));
        var tooMany = await Assert.ThrowsAsync<StudioInputException>(() => project.Comments.StartThreadAsync(
            new CommentDraft(project.ShotId, $"{DiscussionProject.Mention(editor)} {DiscussionProject.Mention(viewer)}"), project.Owner.Id));

        Assert.Contains("at most 120 characters; this one has 121", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1 member; this one mentions 2", tooMany.Message, StringComparison.Ordinal);
    }
}

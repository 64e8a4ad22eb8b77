using System.Text.Json;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Tests.Rendering;

public sealed class RenderHubTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    [Fact]
    public async Task NonMember_CannotJoinTheProjectGroup()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var stranger = await RenderFixtures.AddUserAsync(_studio.Services, "Stranger");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await using var hub = await HubConnection.ConnectAsync(_studio, stranger);

        var error = await hub.InvokeAsync("JoinProject", projectId);

        Assert.NotNull(error);
        Assert.Contains("not one of its members", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoMembers_ReceiveTheSameProgressAndFinishedTake()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var viewer = await RenderFixtures.AddUserAsync(_studio.Services, "Viewer");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, viewer, ProjectRole.Viewer);
        await using var first = await HubConnection.ConnectAsync(_studio, owner);
        await using var second = await HubConnection.ConnectAsync(_studio, viewer);
        Assert.Null(await first.InvokeAsync("JoinProject", projectId));
        Assert.Null(await second.InvokeAsync("JoinProject", projectId));

        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);

        bool OfJob(JsonElement e) => e.GetProperty("jobId").GetInt32() == jobId;
        bool Done(JsonElement e) => e.GetProperty("kind").GetInt32() == (int)RenderEventKind.Succeeded;
        var seenByFirst = await first.CollectAsync(RenderHub.ProgressMethod, OfJob, Done);
        var seenBySecond = await second.CollectAsync(RenderHub.ProgressMethod, OfJob, Done);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);
        Assert.Equal(Summary(seenByFirst), Summary(seenBySecond));
        Assert.Contains(seenByFirst, e => e.GetProperty("kind").GetInt32() == (int)RenderEventKind.Progress && e.GetProperty("step").GetInt32() > 0);
        Assert.Equal(job.TakeId, seenByFirst[^1].GetProperty("takeId").GetInt32());
    }

    private static List<string> Summary(List<JsonElement> events) =>
        events.Select(e => $"{e.GetProperty("kind").GetInt32()} {e.GetProperty("step").GetInt32()}/{e.GetProperty("totalSteps").GetInt32()} {e.GetProperty("takeId")}").ToList();

    public void Dispose() => _studio.Dispose();
}

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

        bool Done(System.Text.Json.JsonElement e) => e.GetProperty("jobId").GetInt32() == jobId && e.GetProperty("kind").GetInt32() == (int)RenderEventKind.Succeeded;
        var seenByFirst = await first.ReadUntilAsync(RenderHub.ProgressMethod, Done);
        var seenBySecond = await second.ReadUntilAsync(RenderHub.ProgressMethod, Done);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);
        Assert.Equal(job.TakeId, seenByFirst.GetProperty("takeId").GetInt32());
        Assert.Equal(job.TakeId, seenBySecond.GetProperty("takeId").GetInt32());
    }

    public void Dispose() => _studio.Dispose();
}

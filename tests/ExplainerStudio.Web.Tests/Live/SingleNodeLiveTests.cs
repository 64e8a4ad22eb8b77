using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests.Live;

/// <summary>Without Live:Redis the studio is the one-machine studio: in-process hub, no Redis connection, no bridge traffic.</summary>
public sealed class SingleNodeLiveTests
{
    [Fact]
    public async Task WithoutLiveRedis_NothingOpensARedisConnection_AndProgressStillReachesHubClients()
    {
        using var studio = new RenderStudio();
        var owner = await RenderFixtures.AddUserAsync(studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(studio.Services, owner);
        await using var hub = await HubConnection.ConnectAsync(studio, owner);
        Assert.Null(await hub.InvokeAsync("JoinProject", projectId));

        var jobId = await studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        await hub.ReadUntilAsync(RenderHub.ProgressMethod, e => e.GetProperty("jobId").GetInt32() == jobId
            && e.GetProperty("kind").GetInt32() == (int)RenderEventKind.Succeeded);

        var connection = studio.Get<LiveConnection>();
        Assert.False(studio.Get<IOptions<LiveOptions>>().Value.IsEnabled);
        Assert.Equal(LiveState.SingleNode, connection.State);
        Assert.False(connection.IsOpen);
        Assert.IsType<DefaultHubLifetimeManager<RenderHub>>(studio.Get<HubLifetimeManager<RenderHub>>());
    }

    [Theory]
    [InlineData("not a host:port:at all")]
    [InlineData(",,,")]
    [InlineData("127.0.0.1:6379,nosuchoption=1")]
    public void BadLiveRedis_StopsTheStudioAtStart_NamingTheSetting(string value)
    {
        using var studio = new RenderStudio(new Dictionary<string, string?> { ["Live:Redis"] = value });

        var error = Assert.ThrowsAny<Exception>(() => studio.Services);

        Assert.Contains("Live:Redis", error.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>The server-rendered first paint of the rendering pages, read from the database like a reload.</summary>
public sealed class RenderPagesTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    [Fact]
    public async Task ShotPageAndQueuePage_ShowTheFinishedTakeAfterAReload()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        using var client = _studio.ClientFor(owner);

        var shotPage = await client.GetStringAsync($"/projects/{projectId}/shots/{shots[0]}");
        var queuePage = await client.GetStringAsync("/queue");

        Assert.Contains($"data-take-id=\"{job.TakeId}\"", shotPage, StringComparison.Ordinal);
        Assert.Contains($"api/takes/{job.TakeId}/clip", shotPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"render-badge\"", shotPage, StringComparison.Ordinal);
        Assert.Contains($"data-job-id=\"{job.Id}\" data-status=\"Succeeded\"", queuePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignalRBrowserClient_IsServed()
    {
        using var client = _studio.CreateClient();

        using var response = await client.GetAsync("/lib/signalr/signalr.min.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HubConnectionBuilder", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _studio.Dispose();
}

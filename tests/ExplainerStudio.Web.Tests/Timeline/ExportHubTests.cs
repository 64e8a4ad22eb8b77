using System.Text.Json;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Timeline;

public sealed class ExportHubTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task ExportProgress_ReachesProjectMembers_OnTheRenderHub()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        await using var hub = await HubConnection.ConnectAsync(_studio, owner);
        Assert.Null(await hub.InvokeAsync("JoinProject", projectId));

        var exportId = await _studio.Get<ExportService>().StartAsync(
            projectId, new ExportRequestEdit(ExportResolution.Hd720, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.None), owner);

        bool OfExport(JsonElement e) => e.GetProperty("exportId").GetInt32() == exportId;
        bool Done(JsonElement e) => e.GetProperty("status").GetInt32() == (int)ExportStatus.Succeeded;
        var events = await hub.CollectAsync("export", OfExport, Done);
        Assert.Contains(events, e => e.GetProperty("status").GetInt32() == (int)ExportStatus.Running && e.GetProperty("progress").GetDouble() > 0);
        Assert.Equal(1.0, events[^1].GetProperty("progress").GetDouble());
    }
}

using ExplainerStudio.Media.Export;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Timeline;

/// <summary>The server-rendered first paint of the timeline and export pages, read from the database like a reload.</summary>
public sealed class TimelinePagesTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task TimelinePage_ShowsShotsInOrder_GapsForShotsWithoutTakes_AndTheDialogueLane()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2);
        using var client = _studio.ClientFor(owner);

        var page = await client.GetStringAsync($"/projects/{projectId}/timeline");

        var first = page.IndexOf($"data-shot-id=\"{shots[0]}\"", StringComparison.Ordinal);
        var second = page.IndexOf($"data-shot-id=\"{shots[1]}\"", StringComparison.Ordinal);
        Assert.InRange(first, 0, second - 1);
        Assert.Equal(2, CountOf(page, "data-testid=\"timeline-gap\""));
        Assert.Contains("data-testid=\"timeline-line\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportsPage_ListsAFinishedExport_WithDownloadLinks()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var exports = _studio.Get<ExportService>();
        var exportId = await exports.StartAsync(projectId, new ExportRequestEdit(ExportResolution.Hd720, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.BurnedIn), owner);
        for (var attempt = 0; attempt < 600 && (await exports.GetAsync(exportId, owner)).CanCancel; attempt++)
        {
            await Task.Delay(100);
        }
        using var client = _studio.ClientFor(owner);

        var page = await client.GetStringAsync($"/projects/{projectId}/exports");

        Assert.Contains($"data-export-id=\"{exportId}\" data-status=\"Succeeded\"", page, StringComparison.Ordinal);
        Assert.Contains($"api/exports/{exportId}/file?kind=Vtt", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelinePage_PlaysTheLatestPreviewRender()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        var exports = _studio.Get<ExportService>();
        var exportId = await exports.StartAsync(projectId, new ExportRequestEdit(ExportResolution.Preview360, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.BurnedIn), owner);
        for (var attempt = 0; attempt < 600 && (await exports.GetAsync(exportId, owner)).CanCancel; attempt++)
        {
            await Task.Delay(100);
        }
        using var client = _studio.ClientFor(owner);

        var page = await client.GetStringAsync($"/projects/{projectId}/timeline");

        Assert.Equal(ExportStatus.Succeeded, (await exports.GetAsync(exportId, owner)).Status);
        Assert.Contains($"src=\"api/exports/{exportId}/file\"", page, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}

namespace ExplainerStudio.Web.Tests.Hosting;

/// <summary>
/// The UI's scripts and styles come from the build output in Production too (./studio.sh start runs the Release build
/// output, not a publish folder): the SDK's own .NET 10 Blazor script, MudBlazor's assets and the studio's own.
/// </summary>
public sealed class StaticAssetTests
{
    [Theory]
    [InlineData("_framework/blazor.web.js", "javascript")]
    [InlineData("_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("_content/MudBlazor/MudBlazor.min.js", "javascript")]
    [InlineData("css/studio.css", "text/css")]
    [InlineData("js/reconnect.js", "javascript")]
    public async Task UiAsset_IsServedInProduction_FromTheBuildOutput(string path, string contentType)
    {
        await using var studio = new StudioFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = studio.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{path} is nearly empty.");
    }

    [Fact]
    public async Task BlazorScript_IsTheNet10OneWithCircuitPauseAndResume()
    {
        await using var studio = new StudioFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = studio.CreateClient();

        var script = await client.GetStringAsync("_framework/blazor.web.js");

        Assert.Contains("components-reconnect-state-changed", script, StringComparison.Ordinal);
        Assert.Contains("resumeCircuit", script, StringComparison.Ordinal);
    }
}

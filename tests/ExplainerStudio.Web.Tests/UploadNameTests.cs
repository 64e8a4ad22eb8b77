using System.Net;
using System.Net.Http.Headers;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

public sealed class UploadNameTests : IDisposable
{
    private readonly RenderStudio _studio = new(new Dictionary<string, string?> { ["Rendering:RunWorkers"] = "false" });

    public void Dispose() => _studio.Dispose();

    [Theory]
    [InlineData("take\u202Egnp.wav")]
    [InlineData("take\u2066.wav")]
    [InlineData("take\u0007.wav")]
    [InlineData("../take.wav")]
    [InlineData("C:take.wav")]
    public void HostileNames_AreRefused(string name)
    {
        var error = Assert.Throws<StudioInputException>(() => UploadName.Check(name));

        Assert.DoesNotContain("/tmp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongName_IsRefusedQuotingTheLimit()
    {
        var error = Assert.Throws<StudioInputException>(() => UploadName.Check(new string('a', UploadName.MaxLength + 1) + ".wav"));

        Assert.Contains($"longer than {UploadName.MaxLength} characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/dialogue/{line}/take")]
    [InlineData("/api/projects/{project}/music")]
    [InlineData("/api/scenes/{scene}/voiceover")]
    public async Task AudioUploadWithABidiOverrideInItsName_IsRefused_AndStoresNothing(string route)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        await using var context = _studio.Db();
        var line = await context.DialogueLines.Where(l => l.ShotId == shots[0]).Select(l => l.Id).FirstAsync();
        var scene = await context.Shots.Where(s => s.Id == shots[0]).Select(s => s.SceneId).FirstAsync();
        using var client = _studio.ClientFor(owner);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(new byte[64]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "voice\u202Evaw.exe");

        var response = await client.PostAsync(route.Replace("{line}", $"{line}").Replace("{project}", $"{projectId}").Replace("{scene}", $"{scene}"), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("text-direction characters", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_studio.DataDirectory, body, StringComparison.Ordinal);
        Assert.DoesNotContain("upload-", body, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_studio.DataDirectory, "tmp")) && Directory.EnumerateFiles(Path.Combine(_studio.DataDirectory, "tmp")).Any());
    }
}

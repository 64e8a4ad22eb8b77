using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

public sealed class RenderFailureTests : IDisposable
{
    private readonly string _models = Path.Combine(Path.GetTempPath(), "es-models-" + Guid.NewGuid().ToString("N"));
    private readonly RenderStudio _studio;

    public RenderFailureTests()
    {
        // The committed previz pack, and a copy whose UNet is not an ONNX graph any more.
        var previz = Path.Combine(StudioRoot(), "models", "previz");
        CopyDirectory(previz, Path.Combine(_models, "previz"));
        CopyDirectory(previz, Path.Combine(_models, "broken"));
        File.WriteAllBytes(Path.Combine(_models, "broken", "unet", "model.onnx"), [1, 2, 3, 4, 5, 6, 7, 8]);
        _studio = new RenderStudio(new Dictionary<string, string?> { ["Generation:ModelsDirectory"] = _models });
    }

    [Fact]
    public async Task CorruptPack_FailsTheJobWithAnActionableMessage_AndTheNextJobRuns()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2);
        await using (var context = _studio.Db())
        {
            await context.Shots.Where(s => s.Id == shots[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.ModelPack, "broken"));
        }
        var queue = _studio.Get<RenderQueue>();

        var failed = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[0], owner));
        var next = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[1], owner));

        Assert.Equal(RenderJobStatus.Failed, failed.Status);
        Assert.Contains("Model pack 'broken' cannot be used", failed.Error, StringComparison.Ordinal);
        Assert.Contains("Model packs page", failed.Error, StringComparison.Ordinal);
        Assert.Equal(RenderJobStatus.Succeeded, next.Status);
    }

    [Fact]
    public async Task CharacterWithoutLockedReference_RefusesTheRenderAndNamesTheCharacter()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.PlaceUnlockedCharacterAsync(_studio.Services, projectId, shots[0], "Newcomer");

        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));

        Assert.Equal(RenderJobStatus.Failed, job.Status);
        Assert.Equal(1, job.Attempts);
        Assert.StartsWith("Newcomer has no locked reference set. Open Characters", job.Error, StringComparison.Ordinal);
        await using var context = _studio.Db();
        Assert.Empty(await context.Takes.ToListAsync());
    }

    internal static string StudioRoot() => ExplainerStudio.Web.Hosting.StudioPaths.FindContentRoot(AppContext.BaseDirectory);

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public void Dispose()
    {
        _studio.Dispose();
        Directory.Delete(_models, recursive: true);
    }
}

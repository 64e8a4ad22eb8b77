using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

public sealed class TakeTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    [Fact]
    public async Task GeneratedShot_ProducesOneTakeWithFilesAndRecipe()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var queue = _studio.Get<RenderQueue>();

        var jobId = await queue.GenerateShotAsync(shots[0], owner);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);

        Assert.Equal(RenderJobStatus.Succeeded, job.Status);
        await using var context = _studio.Db();
        var take = await context.Takes.SingleAsync();
        Assert.Equal(job.TakeId, take.Id);
        Assert.Equal((128, 72, RenderStudio.TestFrameRate, 2), (take.Width, take.Height, take.FrameRate, take.FrameCount));
        Assert.Equal("previz", take.PackId);
        Assert.Equal(64, take.PackHash.Length);
        Assert.Matches(@"^cpu, ONNX Runtime 1\.31\.\d$", take.ExecutionProvider);
        var references = RenderFixturesReferences(take);
        Assert.Equal(2, references.Count);
        Assert.All(references, r =>
        {
            // The demo's sets hold two views each: the first is drawn into the layout, both feed image tokens.
            Assert.Equal(2, r.ImageSha256.Count);
            Assert.Equal(r.ImageSha256[0], r.PlacedImageSha256);
            Assert.Equal(r.ImageSha256, r.TokenImageSha256);
        });
        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, take.KeyframePath)));
        Assert.True(File.Exists(Path.Combine(_studio.DataDirectory, take.ClipPath)));
        Assert.Equal(take.Id, (await context.Shots.SingleAsync(s => s.Id == shots[0])).SelectedTakeId);
    }

    [Fact]
    public async Task RegenerateWithSameSeed_ReproducesTheTakeBitForBit()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var queue = _studio.Get<RenderQueue>();
        var first = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[0], owner));

        var again = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.RegenerateTakeAsync(first.TakeId!.Value, owner, SeedMode.Same));
        var other = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.RegenerateTakeAsync(first.TakeId!.Value, owner, SeedMode.New));

        await using var context = _studio.Db();
        var original = await context.Takes.SingleAsync(t => t.Id == first.TakeId);
        var reproduced = await context.Takes.SingleAsync(t => t.Id == again.TakeId);
        var reseeded = await context.Takes.SingleAsync(t => t.Id == other.TakeId);
        Assert.Equal(original.KeyframeSha256, reproduced.KeyframeSha256);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_studio.DataDirectory, original.KeyframePath)),
            await File.ReadAllBytesAsync(Path.Combine(_studio.DataDirectory, reproduced.KeyframePath)));
        Assert.Equal(original.ClipSha256, reproduced.ClipSha256);
        Assert.Equal(ReproductionCheck.Reproducible, reproduced.ReproductionResult);
        Assert.Equal(original.Id, reproduced.ReproducesTakeId);
        Assert.NotEqual(original.Seed, reseeded.Seed);
        Assert.NotEqual(original.KeyframeSha256, reseeded.KeyframeSha256);
        Assert.Null(reseeded.ReproductionResult);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task RegenerateWithSameSeed_JudgesTheKeyframeByItsPixelsNotItsPngBytes(bool changeAPixel, bool reproducible)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var queue = _studio.Get<RenderQueue>();
        var first = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[0], owner));
        // As if another PNG encoder build had written the original: other bytes, and the same pixels unless one is changed.
        string originalHash;
        await using (var context = _studio.Db())
        {
            var take = await context.Takes.SingleAsync(t => t.Id == first.TakeId);
            var file = Path.Combine(_studio.DataDirectory, take.KeyframePath);
            var pixels = _studio.Get<ImageDecoder>().Decode(file);
            if (changeAPixel)
            {
                var (r, g, b) = pixels.GetPixel(5, 5);
                pixels.SetPixel(5, 5, (byte)(r ^ 1), g, b);
            }
            using var bitmap = SkiaPixels.ToBitmap(pixels);
            using var pixmap = bitmap.PeekPixels();
            using var other = pixmap.Encode(new SkiaSharp.SKPngEncoderOptions(SkiaSharp.SKPngEncoderFilterFlags.NoFilters, zLibLevel: 1))
                ?? throw new InvalidOperationException("SkiaSharp did not encode the keyframe.");
            originalHash = Convert.ToHexStringLower(SHA256.HashData(other.ToArray()));
            var relative = Path.Combine("takes", originalHash[..2], originalHash + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_studio.DataDirectory, relative))!);
            await File.WriteAllBytesAsync(Path.Combine(_studio.DataDirectory, relative), other.ToArray());
            File.Delete(file);
            await context.Takes.Where(t => t.Id == take.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.KeyframeSha256, originalHash).SetProperty(t => t.KeyframePath, relative));
        }

        var again = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.RegenerateTakeAsync(first.TakeId!.Value, owner, SeedMode.Same));

        await using var check = _studio.Db();
        var reproduced = await check.Takes.SingleAsync(t => t.Id == again.TakeId);
        Assert.NotEqual(originalHash, reproduced.KeyframeSha256);
        if (reproducible)
        {
            Assert.Equal(ReproductionCheck.Reproducible, reproduced.ReproductionResult);
        }
        else
        {
            Assert.StartsWith("keyframe differs", reproduced.ReproductionResult, StringComparison.Ordinal);
            Assert.Contains("with the same recipe", reproduced.ReproductionResult, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TakeFiles_ServeMembersWithRanges_AndAreHiddenFromNonMembers()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var viewer = await RenderFixtures.AddUserAsync(_studio.Services, "Viewer");
        var stranger = await RenderFixtures.AddUserAsync(_studio.Services, "Stranger");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, viewer, ProjectRole.Viewer);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        var takeId = job.TakeId!.Value;

        using var member = _studio.ClientFor(viewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/takes/{takeId}/clip");
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await member.SendAsync(request);
        using var keyframe = await member.GetAsync($"/api/takes/{takeId}/keyframe");
        using var outsider = _studio.ClientFor(stranger);
        using var refusedClip = await outsider.GetAsync($"/api/takes/{takeId}/clip");
        using var refusedKeyframe = await outsider.GetAsync($"/api/takes/{takeId}/keyframe");
        using var refusedList = await outsider.GetAsync($"/api/shots/{shots[0]}/takes");

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, keyframe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedClip.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedKeyframe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedList.StatusCode);
    }

    private static List<TakeReference> RenderFixturesReferences(Take take) =>
        System.Text.Json.JsonSerializer.Deserialize<List<TakeReference>>(take.ReferencesJson, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

    public void Dispose() => _studio.Dispose();
}

using System.Security.Cryptography;
using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Imaging;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests.Review;

/// <summary>Review test data: shots cast with one demo character, stored takes made from chosen pictures, and waits for scores.</summary>
public static class ReviewFixtures
{
    public const double X = 0.5;
    public const double Y = 0.55;
    public const double Scale = 0.7;

    /// <summary>Makes each shot show only <paramref name="name"/> (a demo character) at the same placement, with a static camera.</summary>
    public static async Task<int> CastAloneAsync(IServiceProvider services, int shotId, string name)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var shot = await context.Shots.Include(s => s.Characters).Include(s => s.Scene).FirstAsync(s => s.Id == shotId);
        var character = await context.Characters.FirstAsync(c => c.ProjectId == shot.Scene!.ProjectId && c.Name == name);
        shot.Characters.Clear();
        shot.Characters.Add(new ShotCharacter { CharacterId = character.Id, X = X, Y = Y, Scale = Scale });
        shot.CameraMove = CameraMove.Static;
        await context.SaveChangesAsync();
        return character.Id;
    }

    /// <summary>A character whose locked reference set is a subject the consistency benchmark draws (a red disc ...).</summary>
    public static async Task AddDrawnCharacterAsync(IServiceProvider services, int projectId, BenchCharacter subject)
    {
        var ingest = services.GetRequiredService<ReferenceImageIngest>();
        var now = DateTimeOffset.UtcNow;
        var set = new ReferenceSet { Number = 1, IsLocked = true, CreatedAt = now, LockedAt = now };
        for (var i = 0; i < subject.References.Count; i++)
        {
            var image = ingest.FromImage($"{subject.Name} {i + 1}.png", subject.References[i]);
            set.Images.Add(new ReferenceImage
            {
                Position = i, StoredName = image.Sha256[..16] + ".png", DisplayName = image.DisplayName, Sha256 = image.Sha256,
                ByteSize = image.Png.Length, Width = image.Width, Height = image.Height, UploadedAt = now,
                Content = new ReferenceImageContent { Png = image.Png, ThumbnailPng = image.ThumbnailPng },
            });
        }
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        context.Characters.Add(new Character { ProjectId = projectId, Name = subject.Name, ReferenceSets = [set] });
        await context.SaveChangesAsync();
    }

    /// <summary>The character's locked reference set: its id, number, image hashes and decoded images, in set order.</summary>
    public static async Task<(int SetId, int Number, List<string> Hashes, List<RgbImage> Images)> LockedSetAsync(IServiceProvider services, int characterId)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var set = await context.ReferenceSets.Include(r => r.Images).ThenInclude(i => i.Content)
            .Where(r => r.CharacterId == characterId && r.IsLocked).OrderByDescending(r => r.Number).FirstAsync();
        var images = set.Images.OrderBy(i => i.Position).ToList();
        var decoder = services.GetRequiredService<ImageDecoder>();
        return (set.Id, set.Number, images.Select(i => i.Sha256).ToList(), images.Select(i => decoder.Decode(i.Content!.Png, i.DisplayName)).ToList());
    }

    /// <summary>
    /// Stores a take of <paramref name="shotId"/> whose keyframe and every clip frame are <paramref name="picture"/>,
    /// recorded as rendered against <paramref name="characterId"/>'s locked set at the fixture's placement: the take
    /// the scorer reads is exactly the picture the test chose.
    /// </summary>
    public static async Task<int> StoreTakeAsync(RenderStudio studio, int projectId, int shotId, int characterId, RgbImage picture, int frames = 4)
    {
        var services = studio.Services;
        var (setId, number, hashes, _) = await LockedSetAsync(services, characterId);
        var keyframe = PngEncoder.Encode(picture);
        var keyframeSha = Convert.ToHexStringLower(SHA256.HashData(keyframe));
        var keyframePath = Path.Combine("takes", keyframeSha[..2], keyframeSha + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(studio.DataDirectory, keyframePath))!);
        await File.WriteAllBytesAsync(Path.Combine(studio.DataDirectory, keyframePath), keyframe);
        var clipTemp = Path.Combine(studio.DataDirectory, "clip-" + Guid.NewGuid().ToString("N") + ".mp4");
        var encoded = await services.GetRequiredService<RawVideoEncoder>().EncodeAsync(
            new RawVideoFormat(picture.Width, picture.Height, RenderStudio.TestFrameRate), Repeat(picture, frames), clipTemp,
            new RawVideoEncodeOptions { Preset = "ultrafast", JobName = "review-fixture", ExpectedFrameCount = frames });
        var clipSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(clipTemp)));
        var clipPath = Path.Combine("takes", clipSha[..2], clipSha + ".mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(studio.DataDirectory, clipPath))!);
        File.Move(clipTemp, Path.Combine(studio.DataDirectory, clipPath), overwrite: true);

        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var name = await context.Characters.Where(c => c.Id == characterId).Select(c => c.Name).FirstAsync();
        var inputs = new RenderInputs("a test picture", "", 1, "previz", "euler", 4, 7.5, 0.45, CameraMove.Static, frames / (double)RenderStudio.TestFrameRate,
            [new RenderPlacement(characterId, name, X, Y, Scale, 0, setId)]);
        var take = new Take
        {
            JobId = 1_000_000 + await context.Takes.CountAsync(),
            ProjectId = projectId,
            ShotId = shotId,
            KeyframePath = keyframePath,
            KeyframeSha256 = keyframeSha,
            ClipPath = clipPath,
            ClipSha256 = clipSha,
            ClipBytes = encoded.SizeBytes,
            Width = picture.Width,
            Height = picture.Height,
            FrameRate = RenderStudio.TestFrameRate,
            FrameCount = frames,
            PackId = "previz",
            Seed = 1,
            Scheduler = "Euler",
            Steps = 4,
            StepsRun = 4,
            Strength = 0.45,
            ReferencesJson = JsonSerializer.Serialize(new[] { new TakeReference(characterId, name, setId, number, hashes, hashes[0], hashes) }, JsonSerializerOptions.Web),
            InputsJson = JsonSerializer.Serialize(inputs, JsonSerializerOptions.Web),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        context.Takes.Add(take);
        await context.SaveChangesAsync();
        return take.Id;
    }

    /// <summary>The layout the renderer would draw: the reference placed at the fixture's placement on its background.</summary>
    public static RgbImage Layout(RgbImage reference, int width = 128, int height = 72) =>
        new LayoutImage(width, height, LayoutBackground.Solid(new RgbColor(214, 228, 240)), [new LayoutPlacement(reference, X, Y, Scale)]).Render();

    public static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Waits until the take has a stored score (the scoring worker runs off the render path).</summary>
    public static async Task<TakeScore> WaitForScoreAsync(IServiceProvider services, int takeId, DateTimeOffset? after = null, int timeoutSeconds = 120)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync())
            {
                var score = await context.TakeScores.AsNoTracking().Include(s => s.Characters).FirstOrDefaultAsync(s => s.TakeId == takeId);
                if (score is not null && (after is null || score.ScoredAt > after))
                {
                    return score;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Take {takeId} was not scored within {timeoutSeconds} s.");
            }
            await Task.Delay(50);
        }
    }

    private static async IAsyncEnumerable<RgbImage> Repeat(RgbImage picture, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return picture;
            await Task.Yield();
        }
    }
}

using System.Security.Cryptography;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Data.Sqlite;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public class ReferenceSetTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".webp")]
    public async Task Upload_StoresANormalisedPng_WithItsHashSizeAndThumbnail(string extension)
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "A teacher");
        var bytes = await TestImages.EncodeAsync(Factory.Get<FfmpegRunner>(), extension, 160, 120);

        var imageId = await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "ada-front" + extension, new MemoryStream(bytes));

        var detail = await board.Characters.GetAsync(characterId, board.Owner.Id);
        var set = Assert.Single(detail.Sets);
        Assert.Equal((1, false), (set.Number, set.IsLocked));
        var image = Assert.Single(set.Images);
        Assert.Equal(imageId, image.Id);
        Assert.Equal("ada-front" + extension, image.DisplayName);
        Assert.Equal((160, 120), (image.Width, image.Height));

        var (png, sha) = await board.Characters.GetImageAsync(imageId, thumbnail: false, board.Owner.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), image.Sha256);
        Assert.Equal(image.Sha256, sha);
        Assert.Equal(png.Length, image.ByteSize);
        Assert.Equal((160, 120), TestImages.PngSize(png));

        var (thumbnail, _) = await board.Characters.GetImageAsync(imageId, thumbnail: true, board.Owner.Id);
        var (thumbWidth, thumbHeight) = TestImages.PngSize(thumbnail);
        Assert.Equal(StudioFixture.ThumbnailLongSide, Math.Max(thumbWidth, thumbHeight));
        Assert.Equal(48, thumbHeight);
    }

    [Fact]
    public async Task Upload_LargerThanTheStoredSize_IsScaledDownKeepingItsShape()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Pixel", "");

        var imageId = await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "wide.png", new MemoryStream(TestImages.Png(400, 300)));

        var image = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Sets[0].Images[0];
        Assert.Equal((StudioFixture.StoredLongSide, 192), (image.Width, image.Height));
        var (png, _) = await board.Characters.GetImageAsync(imageId, thumbnail: false, board.Owner.Id);
        Assert.Equal((StudioFixture.StoredLongSide, 192), TestImages.PngSize(png));
        var (thumbnail, _) = await board.Characters.GetImageAsync(imageId, thumbnail: true, board.Owner.Id);
        Assert.Equal((StudioFixture.ThumbnailLongSide, 48), TestImages.PngSize(thumbnail));
    }

    [Fact]
    public async Task Lock_MakesTheSetImmutable()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.AddLockedCharacterAsync("Ada");
        var locked = (await board.Characters.GetAsync(characterId, board.Owner.Id)).CurrentLocked!;
        Assert.Equal(board.Owner.DisplayName, locked.LockedBy);
        Assert.NotNull(locked.LockedAt);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var remove = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Characters.RemoveReferenceImageAsync(locked.Images[0].Id, board.Owner.Id));
        var relock = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Characters.LockAsync(locked.Id, locked.Version, board.Owner.Id));

        Assert.Contains("v1 is locked and cannot change", remove.Message, StringComparison.Ordinal);
        Assert.Contains("Start a new version", remove.Message, StringComparison.Ordinal);
        Assert.Contains("v1 is locked", relock.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Upload_AfterLocking_GoesIntoANewDraftVersion_AndLeavesTheLockedSetAsItWas()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.AddLockedCharacterAsync("Ada");
        var locked = (await board.Characters.GetAsync(characterId, board.Owner.Id)).CurrentLocked!;

        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "ada-side.png", new MemoryStream(TestImages.Png(48, 64, seed: 5)));

        var detail = await board.Characters.GetAsync(characterId, board.Owner.Id);
        Assert.Equal(locked with { Images = [] }, detail.CurrentLocked! with { Images = [] });
        Assert.Equal(locked.Images, detail.CurrentLocked.Images);
        var draft = detail.Draft!;
        Assert.Equal(2, draft.Number);
        Assert.Equal([locked.Images[0].Sha256, draft.Images[1].Sha256], draft.Images.Select(i => i.Sha256));
        Assert.Equal("ada-side.png", draft.Images[1].DisplayName);
    }

    [Fact]
    public async Task LockingASetWithNoImages_IsRefused()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var draftId = await board.Characters.StartNewVersionAsync(characterId, board.Owner.Id);
        var draft = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        Assert.Equal(draftId, draft.Id);

        var error = await Assert.ThrowsAsync<StudioInputException>(() => board.Characters.LockAsync(draft.Id, draft.Version, board.Owner.Id));

        Assert.Contains("at least one reference image", error.Message, StringComparison.Ordinal);
        Assert.False((await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!.IsLocked);
    }

    [Fact]
    public async Task StartNewVersion_CopiesTheLockedImagesIntoADraft()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.AddLockedCharacterAsync("Ada");
        await board.Characters.StartNewVersionAsync(characterId, board.Owner.Id);
        var firstDraft = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "extra.png", new MemoryStream(TestImages.Png(48, 64, seed: 9)));
        var v2 = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        await board.Characters.LockAsync(v2.Id, v2.Version, board.Owner.Id);

        var draftId = await board.Characters.StartNewVersionAsync(characterId, board.Owner.Id);
        var again = await board.Characters.StartNewVersionAsync(characterId, board.Owner.Id);

        var detail = await board.Characters.GetAsync(characterId, board.Owner.Id);
        Assert.Equal(2, firstDraft.Number);
        Assert.Equal(draftId, again);
        Assert.Equal([3, 2, 1], detail.Sets.Select(s => s.Number));
        var draft = detail.Draft!;
        Assert.Equal((draftId, 3), (draft.Id, draft.Number));
        Assert.Equal(detail.CurrentLocked!.Images.Select(i => (i.Sha256, i.DisplayName, i.Width, i.Height)), draft.Images.Select(i => (i.Sha256, i.DisplayName, i.Width, i.Height)));
        Assert.Empty(draft.Images.Select(i => i.Id).Intersect(detail.CurrentLocked.Images.Select(i => i.Id)));
        var (copied, _) = await board.Characters.GetImageAsync(draft.Images[1].Id, thumbnail: false, board.Owner.Id);
        Assert.Equal(draft.Images[1].Sha256, Convert.ToHexStringLower(SHA256.HashData(copied)));

        await board.Characters.RemoveReferenceImageAsync(draft.Images[0].Id, board.Owner.Id);

        Assert.Equal(2, (await board.Characters.GetAsync(characterId, board.Owner.Id)).CurrentLocked!.Images.Count);
    }

    [Fact]
    public async Task LockingANewVersion_MakesShotsPinnedToTheOldOneStale_UntilRepinned()
    {
        var board = await Storyboard.CreateAsync(Factory, 2);
        var ada = await board.AddLockedCharacterAsync("Ada");
        foreach (var title in new[] { "S1.1", "S1.2" })
        {
            var shot = await board.ShotAsync(title);
            await board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Characters = [new PlacementEdit(ada, 0.5, 0.6, 0.7, 0)] }, board.Owner.Id);
        }
        Assert.All((await board.ReadAsync()).Scenes[0].Shots, shot => Assert.False(shot.IsStale));

        await board.Characters.AddReferenceImageAsync(ada, board.Owner.Id, "ada-new.png", new MemoryStream(TestImages.Png(48, 64, seed: 3)));
        var draft = (await board.Characters.GetAsync(ada, board.Owner.Id)).Draft!;
        Assert.All((await board.ReadAsync()).Scenes[0].Shots, shot => Assert.False(shot.IsStale));
        await board.Characters.LockAsync(draft.Id, draft.Version, board.Owner.Id);

        var stale = await board.ShotAsync("S1.1");
        var placement = Assert.Single(stale.Characters);
        Assert.Equal((1, 2, true), (placement.PinnedSetNumber, placement.CurrentLockedSetNumber, placement.IsStale));
        Assert.True(stale.IsStale);
        var usage = (await board.Characters.GetAsync(ada, board.Owner.Id)).Usage;
        Assert.Equal([(1, true), (1, true)], usage.Select(u => (u.PinnedSetNumber!.Value, u.IsStale)));
        Assert.Equal(2, Assert.Single(await board.Characters.ListAsync(board.ProjectId, board.Owner.Id)).StaleShotCount);

        await board.Service.RepinReferencesAsync(stale.Id, board.Owner.Id);

        var repinned = await board.ShotAsync("S1.1");
        Assert.False(repinned.IsStale);
        Assert.Equal(2, repinned.Characters[0].PinnedSetNumber);
        Assert.True((await board.ShotAsync("S1.2")).IsStale);
        usage = (await board.Characters.GetAsync(ada, board.Owner.Id)).Usage;
        Assert.Equal([(2, false), (1, true)], usage.Select(u => (u.PinnedSetNumber!.Value, u.IsStale)));
    }

    [Fact]
    public async Task ShotsPlacedBeforeTheFirstLock_ArePinnedToItWhenLocked_AndAreNotStale()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var pixel = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Pixel", "");
        var shot = await board.ShotAsync("S1.1");
        await board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Characters = [new PlacementEdit(pixel, 0.5, 0.6, 0.7, 0)] }, board.Owner.Id);
        Assert.True((await board.ShotAsync("S1.1")).LacksLockedReference);

        await board.Characters.AddReferenceImageAsync(pixel, board.Owner.Id, "pixel.png", new MemoryStream(TestImages.Png(32, 32)));
        var draft = (await board.Characters.GetAsync(pixel, board.Owner.Id)).Draft!;
        await board.Characters.LockAsync(draft.Id, draft.Version, board.Owner.Id);

        var placement = (await board.ShotAsync("S1.1")).Characters.Single();
        Assert.Equal((1, 1, false), (placement.PinnedSetNumber, placement.CurrentLockedSetNumber, placement.IsStale));
    }

    [Fact]
    public async Task RemovingAnImage_KeepsTheOthersInOrder_WithDensePositions()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        foreach (var (name, seed) in new[] { ("a.png", 1), ("b.png", 2), ("c.png", 3) })
        {
            await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, name, new MemoryStream(TestImages.Png(24, 24, seed)));
        }
        var b = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!.Images[1];

        await board.Characters.RemoveReferenceImageAsync(b.Id, board.Owner.Id);
        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "d.png", new MemoryStream(TestImages.Png(24, 24, seed: 4)));

        var draft = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        Assert.Equal(["a.png", "c.png", "d.png"], draft.Images.Select(i => i.DisplayName));
        Assert.Equal([0, 1, 2], await ImagePositionsAsync(draft.Id));
    }

    [Fact]
    public async Task TheSameImageTwiceInOneSet_IsRefusedAndChangesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var png = TestImages.Png(40, 30);
        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "a.png", new MemoryStream(png));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "b.png", new MemoryStream(png)));

        Assert.Contains("'b.png' is already in this reference set", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    private async Task<List<long>> ImagePositionsAsync(int referenceSetId)
    {
        await using var connection = new SqliteConnection($"Data Source={Factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Position FROM ReferenceImages WHERE ReferenceSetId = $set ORDER BY Position";
        command.Parameters.AddWithValue("$set", referenceSetId);
        var positions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            positions.Add(reader.GetInt64(0));
        }
        return positions;
    }
}

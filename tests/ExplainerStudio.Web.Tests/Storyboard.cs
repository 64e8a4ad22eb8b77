using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests;

/// <summary>Builds a user's project through the real services and reads it back, for the tests' arrange steps.</summary>
internal sealed class Storyboard(StudioFactory factory, StudioUser owner, int projectId)
{
    public StudioUser Owner { get; } = owner;
    public int ProjectId { get; } = projectId;
    public StoryboardService Service => factory.Get<StoryboardService>();
    public CharacterService Characters => factory.Get<CharacterService>();

    /// <summary>A new account with a project of <paramref name="shotsPerScene"/>.Length scenes, shots titled "S{scene}.{shot}".</summary>
    public static async Task<Storyboard> CreateAsync(StudioFactory factory, params int[] shotsPerScene)
    {
        var owner = await factory.CreateUserAsync();
        var service = factory.Get<StoryboardService>();
        var projectId = await service.CreateProjectAsync(owner.Id, "Project " + Guid.NewGuid().ToString("N")[..8], "");
        for (var scene = 0; scene < shotsPerScene.Length; scene++)
        {
            var sceneId = await service.AddSceneAsync(projectId, owner.Id, $"Scene {scene + 1}");
            for (var shot = 0; shot < shotsPerScene[scene]; shot++)
            {
                await service.AddShotAsync(sceneId, owner.Id, $"S{scene + 1}.{shot + 1}");
            }
        }
        return new Storyboard(factory, owner, projectId);
    }

    public Task<StoryboardView> ReadAsync() => Service.GetStoryboardAsync(ProjectId, Owner.Id);

    public async Task<ShotView> ShotAsync(string title) =>
        (await ReadAsync()).Scenes.SelectMany(s => s.Shots).Single(s => s.Title == title);

    /// <summary>Shot titles per scene, in storyboard order.</summary>
    public async Task<string[][]> TitlesAsync() =>
        (await ReadAsync()).Scenes.Select(s => s.Shots.Select(x => x.Title).ToArray()).ToArray();

    /// <summary>Positions are what the storyboard is ordered by; they must stay 0..n-1 with no gaps or repeats.</summary>
    public async Task AssertDensePositionsAsync()
    {
        var board = await ReadAsync();
        Assert.Equal(Enumerable.Range(0, board.Scenes.Count), board.Scenes.Select(s => s.Position));
        foreach (var scene in board.Scenes)
        {
            Assert.Equal(Enumerable.Range(0, scene.Shots.Count), scene.Shots.Select(s => s.Position));
        }
    }

    public static ShotEdit EditOf(ShotView shot) => new(
        shot.Id, shot.Version, shot.Title, shot.Description, shot.Prompt, shot.NegativePrompt, shot.CameraMove,
        shot.DurationSeconds, shot.Seed, shot.Steps, shot.Guidance, shot.ReferenceStrength,
        shot.Characters.Select(c => new PlacementEdit(c.CharacterId, c.X, c.Y, c.Scale, c.ZOrder)).ToList(),
        shot.Dialogue.Select(d => new DialogueEdit(d.CharacterId, d.Text, d.Id)).ToList());

    /// <summary>A character with one locked reference set (one generated PNG); returns its id.</summary>
    public async Task<int> AddLockedCharacterAsync(string name, int seed = 0)
    {
        var characterId = await Characters.CreateAsync(ProjectId, Owner.Id, name, "");
        await Characters.AddReferenceImageAsync(characterId, Owner.Id, name.ToLowerInvariant() + ".png", new MemoryStream(TestImages.Png(48, 64, seed)));
        var draft = (await Characters.GetAsync(characterId, Owner.Id)).Draft!;
        await Characters.LockAsync(draft.Id, draft.Version, Owner.Id);
        return characterId;
    }
}

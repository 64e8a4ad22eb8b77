using System.Globalization;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// A big project for the planning benchmark, grown from the demo project: the demo's shots repeated round-robin into
/// scenes of 20 until the project has the requested number of shots, every line numbered so that no two lines say the
/// same thing (each needs its own speech), every fifth cut a crossfade and every seventh shot pinned.
/// </summary>
internal static class TimelineBenchProject
{
    private const int ShotsPerScene = 20;

    public static async Task<int> CreateAsync(DemoProjectSeeder seeder, IDbContextFactory<StudioDbContext> factory, string userId, int shotCount, CancellationToken cancellationToken)
    {
        var projectId = await seeder.CreateAsync(userId, cancellationToken);
        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        var demo = await context.Shots.AsNoTracking().Include(s => s.Dialogue)
            .Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position)
            .ToListAsync(cancellationToken);
        var scenes = await context.Scenes.Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken);
        context.Scenes.RemoveRange(scenes);
        await context.SaveChangesAsync(cancellationToken);

        var now = DateTimeOffset.UtcNow;
        for (var sceneIndex = 0; sceneIndex * ShotsPerScene < shotCount; sceneIndex++)
        {
            var scene = new Scene { ProjectId = projectId, Position = sceneIndex, Title = string.Create(CultureInfo.InvariantCulture, $"Part {sceneIndex + 1}") };
            for (var position = 0; position < ShotsPerScene && sceneIndex * ShotsPerScene + position < shotCount; position++)
            {
                var number = sceneIndex * ShotsPerScene + position;
                var model = demo[number % demo.Count];
                var shot = StoryboardRules.NewShot(string.Create(CultureInfo.InvariantCulture, $"{model.Title} {number + 1}"), now);
                shot.Position = position;
                shot.Description = model.Description;
                shot.Prompt = model.Prompt;
                shot.CameraMove = model.CameraMove;
                shot.DurationSeconds = model.DurationSeconds;
                shot.Dialogue = [.. model.Dialogue.OrderBy(d => d.Position).Select(d => new DialogueLine
                {
                    Position = d.Position,
                    CharacterId = d.CharacterId,
                    Text = string.Create(CultureInfo.InvariantCulture, $"{d.Text} Shot {number + 1}."),
                })];
                scene.Shots.Add(shot);
            }
            context.Scenes.Add(scene);
        }
        await context.SaveChangesAsync(cancellationToken);

        var shotIds = await context.Shots.Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).Select(s => s.Id).ToListAsync(cancellationToken);
        for (var index = 0; index < shotIds.Count; index++)
        {
            if (index % 5 == 0 || index % 7 == 0)
            {
                context.TimelineCuts.Add(new TimelineCut
                {
                    ShotId = shotIds[index],
                    IsDurationPinned = index % 7 == 0,
                    Transition = index % 5 == 0 ? TransitionKind.Crossfade : TransitionKind.Cut,
                    TransitionSeconds = index % 5 == 0 ? 0.5 : 0,
                });
            }
        }
        await context.SaveChangesAsync(cancellationToken);
        return projectId;
    }
}

using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Demo;

/// <summary>
/// A generated storyboard of any size for the UI benchmark and the browser tests of large boards: the demo project
/// (its two characters with locked references) with its scenes replaced by numbered scenes of numbered shots, every
/// shot with both characters placed and one dialogue line ("Line n of part s: …").
/// </summary>
public static class LargeStoryboard
{
    public static async Task<int> CreateAsync(IServiceProvider services, string ownerUserId, int scenes, int shotsPerScene, CancellationToken cancellationToken = default)
    {
        var projectId = await services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerUserId, cancellationToken);
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var project = await context.Projects.Include(p => p.Scenes).Include(p => p.Characters).ThenInclude(c => c.ReferenceSets)
            .SingleAsync(p => p.Id == projectId, cancellationToken);
        project.Name = FormattableString.Invariant($"{scenes * shotsPerScene:#,0} shots");
        project.Description = FormattableString.Invariant($"A generated storyboard: {scenes} parts of {shotsPerScene} shots each, Ada and Pixel in every shot.");
        context.Scenes.RemoveRange(project.Scenes);
        var cast = project.Characters.OrderBy(c => c.Name).ToList();
        var now = DateTimeOffset.UtcNow;
        var moves = Enum.GetValues<CameraMove>();
        for (var s = 0; s < scenes; s++)
        {
            var scene = new Scene { Title = FormattableString.Invariant($"Part {s + 1}"), Position = s };
            for (var n = 0; n < shotsPerScene; n++)
            {
                var shot = StoryboardRules.NewShot(FormattableString.Invariant($"Shot {s + 1}.{n + 1}"), now);
                shot.Position = n;
                shot.Description = FormattableString.Invariant($"Ada explains step {n + 1} of part {s + 1} while Pixel points at the board.");
                shot.Prompt = "a classroom with a whiteboard, flat illustration";
                shot.CameraMove = moves[(s + n) % moves.Length];
                shot.DurationSeconds = 3 + (n % 4);
                shot.Characters = cast.Select((c, z) => new ShotCharacter
                {
                    Character = c,
                    X = 0.3 + (0.4 * z),
                    Y = 0.62,
                    Scale = 0.6,
                    ZOrder = z,
                    ReferenceSetId = c.ReferenceSets.Single().Id,
                }).ToList();
                shot.Dialogue =
                [
                    new DialogueLine { Character = cast[n % cast.Count], Position = 0, Text = FormattableString.Invariant($"Line {n + 1} of part {s + 1}: noise becomes a picture.") },
                ];
                scene.Shots.Add(shot);
            }
            project.Scenes.Add(scene);
        }
        await context.SaveChangesAsync(cancellationToken);
        return projectId;
    }
}

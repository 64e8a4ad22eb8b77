using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>Builds storyboard data straight in the database, the way the studio's own services leave it.</summary>
public static class RenderFixtures
{
    public static async Task<string> AddUserAsync(IServiceProvider services, string name)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var email = $"{name.ToLowerInvariant()}@example.com";
        var user = new StudioUser
        {
            Id = Guid.NewGuid().ToString(),
            DisplayName = name,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        context.Users.Add(user);
        await context.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>
    /// The demo project (two characters with locked reference sets) cut down to <paramref name="shots"/> shots of
    /// <paramref name="seconds"/> at <paramref name="frameRate"/> fps (default <see cref="RenderStudio.TestFrameRate"/>)
    /// and <paramref name="steps"/> steps.
    /// </summary>
    public static async Task<(int ProjectId, List<int> ShotIds)> AddProjectAsync(
        IServiceProvider services, string ownerId, int shots = 1, double seconds = 0.5, int steps = 4, int frameRate = RenderStudio.TestFrameRate)
    {
        var projectId = await services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var project = await context.Projects.FirstAsync(p => p.Id == projectId);
        project.FrameRate = frameRate;
        var all = await context.Shots.Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync();
        context.Shots.RemoveRange(all.Skip(shots));
        foreach (var shot in all.Take(shots))
        {
            shot.DurationSeconds = seconds;
            shot.Steps = steps;
        }
        await context.SaveChangesAsync();
        return (projectId, all.Take(shots).Select(s => s.Id).ToList());
    }

    public static async Task AddMemberAsync(IServiceProvider services, int projectId, string userId, ProjectRole role)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        context.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = userId, Role = role, AddedAt = DateTimeOffset.UtcNow });
        await context.SaveChangesAsync();
    }

    /// <summary>Polls the job's row until <paramref name="done"/> holds; fails with the row's state after a generous limit.</summary>
    public static async Task<RenderJob> WaitForJobAsync(IServiceProvider services, int jobId, Func<RenderJob, bool> done, int timeoutSeconds = 120)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync())
            {
                var job = await context.RenderJobs.AsNoTracking().FirstAsync(j => j.Id == jobId);
                if (done(job))
                {
                    return job;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Render job {jobId} is still {job.Status} (step {job.Step}/{job.TotalSteps}, error: {job.Error}).");
                }
            }
            await Task.Delay(20);
        }
    }

    public static Task<RenderJob> WaitUntilFinishedAsync(IServiceProvider services, int jobId) =>
        WaitForJobAsync(services, jobId, j => j.Status is RenderJobStatus.Succeeded or RenderJobStatus.Failed or RenderJobStatus.Cancelled);

    /// <summary>A character with no locked reference set, placed in the shot.</summary>
    public static async Task PlaceUnlockedCharacterAsync(IServiceProvider services, int projectId, int shotId, string name)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var character = new Character { ProjectId = projectId, Name = name };
        character.ReferenceSets.Add(new ReferenceSet { Number = 1, CreatedAt = DateTimeOffset.UtcNow });
        context.Characters.Add(character);
        await context.SaveChangesAsync();
        context.ShotCharacters.Add(new ShotCharacter { ShotId = shotId, CharacterId = character.Id, ZOrder = 5 });
        await context.SaveChangesAsync();
    }
}

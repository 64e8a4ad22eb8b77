using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// The review board's reads and actions. Every call checks the caller's membership through <see cref="ProjectAccess"/>:
/// members read, editors act. Renders go through the one render queue; scores come only from stored rows.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    ApprovalService approvals,
    RenderQueue queue,
    TakeService takes,
    ScoringQueue scoring,
    CutSeamScorer seams,
    ProjectChangeFeed feed,
    IOptions<ConsistencyThresholds> defaults,
    IOptions<ReviewOptions> options,
    TimeProvider clock)
{
    public async Task<ReviewBoardView> GetBoardAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await seams.UpdateAsync(projectId, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await context.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That project no longer exists.");
        var thresholds = await ThresholdsAsync(context, projectId, cancellationToken);
        var data = await LoadAsync(context, projectId, null, cancellationToken);
        var rows = data.Rows(thresholds.Value);
        var characters = await context.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Name)
            .Select(c => new ReviewFilterOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        var scenes = await context.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Position)
            .Select(s => new ReviewFilterOption(s.Id, s.Title)).ToListAsync(cancellationToken);
        return new ReviewBoardView(projectId, project, role, thresholds.Value, thresholds.IsDefault, rows, characters, scenes);
    }

    /// <summary>The project's thresholds (its own, or the studio's defaults).</summary>
    public async Task<ConsistencyThresholds> GetThresholdsAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await ThresholdsAsync(context, projectId, cancellationToken)).Value;
    }

    /// <summary>The stored scores of a shot's takes, by take id, for the shot editor's takes list.</summary>
    public async Task<IReadOnlyDictionary<int, TakeScoreView>> GetShotScoresAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await ProjectOfShotAsync(context, shotId, cancellationToken);
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        var scores = await ScoresAsync(context, context.TakeScores.Where(s => s.ShotId == shotId), cancellationToken);
        return scores;
    }

    /// <summary>The stored scores of one take, or null when it has none.</summary>
    public async Task<TakeScoreView?> GetTakeScoreAsync(int takeId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await RequireTakeAsync(context, takeId, userId, ProjectRole.Viewer, cancellationToken);
        var scores = await ScoresAsync(context, context.TakeScores.Where(s => s.TakeId == take.Id), cancellationToken);
        return scores.GetValueOrDefault(take.Id);
    }

    /// <summary>The drift badge of a shot: its selected take's worst character against the project's threshold.</summary>
    public async Task<DriftBadgeView> GetBadgeAsync(int shotId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await ProjectOfShotAsync(context, shotId, cancellationToken);
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        var thresholds = (await ThresholdsAsync(context, projectId, cancellationToken)).Value;
        var data = await LoadAsync(context, projectId, shotId, cancellationToken);
        var row = data.Rows(thresholds).Single();
        var worst = row.Current?.Score is { IsCurrentMethod: true } score ? score.Worst : null;
        return new DriftBadgeView(shotId, projectId, row.Current?.Id, worst?.Score, worst?.Character, row.Flicker, row.State, thresholds);
    }

    /// <summary>Queues a take for scoring (an older take, or one whose method changed).</summary>
    public async Task ScoreNowAsync(int takeId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RequireTakeAsync(context, takeId, userId, ProjectRole.Editor, cancellationToken);
        Enqueue(takeId);
    }

    /// <summary>Queues every take of the project that has no score by the current method; returns how many.</summary>
    public async Task<int> ScoreMissingAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scored = context.TakeScores.Where(s => s.ProjectId == projectId && s.MethodVersion == ConsistencyMethod.Version).Select(s => s.TakeId);
        var missing = await context.Takes.AsNoTracking().Where(t => t.ProjectId == projectId && !scored.Contains(t.Id))
            .OrderByDescending(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var takeId in missing)
        {
            Enqueue(takeId);
        }
        return missing.Count;
    }

    /// <summary>
    /// Records an approval or a request to regenerate (null clears the decision). Approving a take also approves its
    /// shot through <see cref="ApprovalService"/>, the same decision (rules, version check, feed, activity log) the
    /// shot's approval menu makes; a shot already approved stays so, with this take recorded as the approved one.
    /// </summary>
    public async Task DecideAsync(int takeId, ReviewDecision? decision, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await RequireTakeAsync(context, takeId, userId, ProjectRole.Editor, cancellationToken);
        if (decision == ReviewDecision.Approved)
        {
            var shot = await approvals.GetAsync(take.ShotId, userId, cancellationToken);
            if (shot.State != ApprovalState.Approved)
            {
                await approvals.SetAsync(take.ShotId, ApprovalState.Approved, $"Take {take.Id} approved on the review board.", shot.Version, userId, cancellationToken);
            }
        }
        await SaveDecisionAsync(context, take, decision, userId, cancellationToken);
        feed.Publish(new ProjectChange(take.ProjectId, ProjectChangeKind.Approval, take.Id, take.ShotId, userId, null,
            decision switch
            {
                ReviewDecision.Approved => $"approved take {take.Id}",
                ReviewDecision.Regenerate => $"marked take {take.Id} for regeneration",
                _ => $"cleared the review decision on take {take.Id}",
            }, clock.GetUtcNow()));
    }

    /// <summary>
    /// Queues a regeneration of a take: with the references kept more (a lower image-to-image strength, the same seed;
    /// image tokens go to the pack whenever it takes them) or with a new seed. The take is marked for regeneration and
    /// the new take will be shown beside it.
    /// </summary>
    public async Task<int> RegenerateAsync(int takeId, RegenerationMode mode, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await RequireTakeAsync(context, takeId, userId, ProjectRole.Editor, cancellationToken);
        var settings = options.Value;
        var strength = take.Strength;
        var jobId = await queue.RegenerateTakeWithAsync(take.Id, userId, inputs =>
        {
            if (mode == RegenerationMode.NewSeed)
            {
                strength = inputs.ReferenceStrength;
                return inputs with { Seed = RenderQueue.NewSeed() };
            }
            strength = Math.Max(Math.Min(settings.MinimumStrength, inputs.ReferenceStrength), inputs.ReferenceStrength * settings.StrongerReferenceFactor);
            return inputs with { ReferenceStrength = strength };
        }, cancellationToken);
        context.TakeRegenerations.Add(new TakeRegeneration
        {
            ProjectId = take.ProjectId,
            ShotId = take.ShotId,
            PreviousTakeId = take.Id,
            JobId = jobId,
            Mode = mode,
            Strength = strength,
            RequestedByUserId = userId,
            RequestedAt = clock.GetUtcNow(),
        });
        await context.SaveChangesAsync(cancellationToken);
        await SaveDecisionAsync(context, take, ReviewDecision.Regenerate, userId, cancellationToken);
        return jobId;
    }

    /// <summary>Regenerates the take on the timeline of every drifted or marked shot that is not rendering; returns the jobs.</summary>
    public async Task<IReadOnlyList<int>> RegenerateAllDriftedAsync(int projectId, RegenerationMode mode, string userId, CancellationToken cancellationToken = default)
    {
        var board = await GetBoardAsync(projectId, userId, cancellationToken);
        if (!board.CanAct)
        {
            await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        }
        var due = board.Rows
            .Where(r => r.State is ReviewState.Drifted or ReviewState.MarkedForRegeneration && r.Current is not null)
            .Where(r => r.LatestJobStatus is not (RenderJobStatus.Queued or RenderJobStatus.Running))
            .ToList();
        if (due.Count == 0)
        {
            throw new StudioInputException("No shot is drifted or marked for regeneration; nothing was queued.");
        }
        var jobs = new List<int>();
        foreach (var row in due)
        {
            jobs.Add(await RegenerateAsync(row.Current!.Id, mode, userId, cancellationToken));
        }
        return jobs;
    }

    /// <summary>Uses a take on the timeline (the studio's one take selection) and rescores the cuts around it.</summary>
    public async Task SelectAsync(int takeId, string userId, CancellationToken cancellationToken = default)
    {
        await takes.SelectAsync(takeId, userId, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstAsync(t => t.Id == takeId, cancellationToken);
        await seams.UpdateAsync(take.ProjectId, cancellationToken);
        feed.Publish(new ProjectChange(take.ProjectId, ProjectChangeKind.Score, take.Id, take.ShotId, userId, null,
            $"rescored the cuts around take {take.Id}", clock.GetUtcNow()));
    }

    public async Task SetThresholdsAsync(int projectId, double drifted, double flickering, double seam, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        foreach (var (name, value) in new[] { ("drift", drifted), ("flicker", flickering), ("seam", seam) })
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new StudioInputException(string.Create(CultureInfo.InvariantCulture,
                    $"The {name} threshold must be between 0 and 1 (a score); {value} is not. Nothing was changed."));
            }
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await context.ReviewThresholds.FirstOrDefaultAsync(t => t.ProjectId == projectId, cancellationToken);
        if (row is null)
        {
            row = new ReviewThresholds { ProjectId = projectId };
            context.ReviewThresholds.Add(row);
        }
        (row.Drifted, row.Flickering, row.Seam, row.UpdatedAt, row.UpdatedByUserId) = (drifted, flickering, seam, clock.GetUtcNow(), userId);
        await context.SaveChangesAsync(cancellationToken);
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Score, null, null, userId, null, "changed the consistency thresholds", clock.GetUtcNow()));
    }

    /// <summary>The stored worst frame of a character's drift (PNG), for a member of its project.</summary>
    public async Task<byte[]> GetWorstFrameAsync(int driftId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var drift = await context.CharacterDrifts.AsNoTracking().Where(d => d.Id == driftId)
            .Select(d => new { d.ProjectId, d.WorstFramePng }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That score no longer exists; the take was rescored or deleted.");
        await access.RequireAsync(drift.ProjectId, userId, ProjectRole.Viewer, cancellationToken);
        return drift.WorstFramePng;
    }

    internal async Task<(ConsistencyThresholds Value, bool IsDefault)> ThresholdsAsync(StudioDbContext context, int projectId, CancellationToken cancellationToken)
    {
        var row = await context.ReviewThresholds.AsNoTracking().FirstOrDefaultAsync(t => t.ProjectId == projectId, cancellationToken);
        return row is null
            ? (defaults.Value, true)
            : (new ConsistencyThresholds { Drifted = row.Drifted, Flickering = row.Flickering, Seam = row.Seam }, false);
    }

    internal static async Task<Dictionary<int, TakeScoreView>> ScoresAsync(StudioDbContext context, IQueryable<TakeScore> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Select(s => new
            {
                s.TakeId, s.MethodVersion, s.ScoredAt, s.Flicker, s.FlickerFirstFrame, s.FlickerSecondFrame, s.FlickerDeltaE,
                s.FlickerLightnessChange, s.HasEmbeddings, s.ScoredFrames, s.ScoringMilliseconds, s.Note,
                Characters = s.Characters.OrderBy(c => c.CharacterName).Select(c => new DriftView(
                    c.Id, c.CharacterId, c.CharacterName, c.SetNumber, c.MethodVersion, c.Score, c.Colour, c.Structure, c.Embedding,
                    c.MeanScore, c.WorstFrameIndex, c.ReferenceIndex, c.ReferenceImageId, c.RegionX, c.RegionY, c.RegionWidth, c.RegionHeight)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(s => s.TakeId, s => new TakeScoreView(
            s.TakeId, s.MethodVersion, s.ScoredAt, s.Flicker, s.FlickerFirstFrame, s.FlickerSecondFrame, s.FlickerDeltaE,
            s.FlickerLightnessChange, s.HasEmbeddings, s.ScoredFrames, s.ScoringMilliseconds, s.Note, s.Characters));
    }

    internal async Task<ReviewData> LoadAsync(StudioDbContext context, int projectId, int? onlyShotId, CancellationToken cancellationToken)
    {
        var shots = await context.Shots.AsNoTracking()
            .Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position)
            .Select(s => new ReviewData.ShotRow(s.Id, s.Title, s.SceneId, s.Scene!.Title, s.Scene.Position, s.Position, s.SelectedTakeId,
                s.Characters.Select(c => c.CharacterId).ToList()))
            .ToListAsync(cancellationToken);
        var takeQuery = context.Takes.AsNoTracking().Where(t => t.ProjectId == projectId);
        var scoreQuery = context.TakeScores.Where(s => s.ProjectId == projectId);
        if (onlyShotId is { } shotId)
        {
            takeQuery = takeQuery.Where(t => t.ShotId == shotId);
            scoreQuery = scoreQuery.Where(s => s.ShotId == shotId);
        }
        var takeRows = await takeQuery.Select(t => new ReviewData.TakeRow(
                t.Id, t.JobId, t.ShotId, t.CreatedAt, t.Seed, t.PackId, t.Scheduler, t.Steps, t.Guidance, t.Strength, t.ExecutionProvider,
                t.Width, t.Height, t.FrameRate, t.FrameCount, t.ReferencesJson))
            .ToListAsync(cancellationToken);
        var scores = await ScoresAsync(context, scoreQuery, cancellationToken);
        var decisions = await context.TakeDecisions.AsNoTracking().Where(d => d.ProjectId == projectId)
            .ToDictionaryAsync(d => d.TakeId, d => d.Decision, cancellationToken);
        var regenerations = await context.TakeRegenerations.AsNoTracking().Where(r => r.ProjectId == projectId)
            .ToDictionaryAsync(r => r.JobId, cancellationToken);
        var seamRows = await context.CutSeams.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var latestJobs = await context.RenderJobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && j.Id == context.RenderJobs.Where(o => o.ShotId == j.ShotId).Max(o => o.Id))
            .Select(j => new { j.ShotId, j.Id, j.Status })
            .ToDictionaryAsync(j => j.ShotId, j => (j.Id, j.Status), cancellationToken);
        return new ReviewData(shots, takeRows, scores, decisions, regenerations,
            seamRows.ToDictionary(s => (s.BeforeTakeId, s.AfterTakeId)), latestJobs, onlyShotId);
    }

    private void Enqueue(int takeId)
    {
        if (!scoring.TryEnqueue(takeId))
        {
            throw new StudioInputException("The scoring queue is full; try again once the takes waiting for scores are done.");
        }
    }

    private async Task SaveDecisionAsync(StudioDbContext context, Take take, ReviewDecision? decision, string userId, CancellationToken cancellationToken)
    {
        await context.TakeDecisions.Where(d => d.TakeId == take.Id).ExecuteDeleteAsync(cancellationToken);
        if (decision is { } value)
        {
            context.TakeDecisions.Add(new TakeDecision
            {
                TakeId = take.Id,
                ProjectId = take.ProjectId,
                ShotId = take.ShotId,
                Decision = value,
                DecidedByUserId = userId,
                DecidedAt = clock.GetUtcNow(),
            });
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<Take> RequireTakeAsync(StudioDbContext context, int takeId, string userId, ProjectRole minimum, CancellationToken cancellationToken)
    {
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken)
            ?? throw new NotFoundException("That take no longer exists.");
        await access.RequireAsync(take.ProjectId, userId, minimum, cancellationToken);
        return take;
    }

    private static async Task<int> ProjectOfShotAsync(StudioDbContext context, int shotId, CancellationToken cancellationToken) =>
        await context.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("That shot no longer exists. Reload the storyboard.");
}

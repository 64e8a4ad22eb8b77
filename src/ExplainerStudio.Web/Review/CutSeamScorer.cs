using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Keeps the seam score of every cut of a project's timeline: between each shot's selected take and the next shot's, in
/// storyboard order. Scores come from the first and last frames stored with each take's score, so a cut is scored
/// without decoding a clip, once per pair of takes and method.
/// </summary>
public sealed class CutSeamScorer(IDbContextFactory<StudioDbContext> contextFactory, ImageDecoder decoder, TimeProvider clock)
{
    // The scoring worker and board loads both update seams; one at a time, so a cut is never inserted twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task UpdateAsync(int projectId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await UpdateCoreAsync(projectId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task UpdateCoreAsync(int projectId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var selected = await context.Shots.AsNoTracking()
            .Where(s => s.Scene!.ProjectId == projectId && s.SelectedTakeId != null)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position)
            .Select(s => s.SelectedTakeId!.Value)
            .ToListAsync(cancellationToken);
        var pairs = selected.Zip(selected.Skip(1)).ToList();
        if (pairs.Count == 0)
        {
            return;
        }
        var existing = await context.CutSeams.AsNoTracking().Where(c => c.ProjectId == projectId && c.MethodVersion == ConsistencyMethod.Version)
            .Select(c => new { c.BeforeTakeId, c.AfterTakeId }).ToListAsync(cancellationToken);
        var known = existing.Select(c => (c.BeforeTakeId, c.AfterTakeId)).ToHashSet();
        var missing = pairs.Where(p => !known.Contains(p)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var takeIds = missing.SelectMany(p => new[] { p.First, p.Second }).Distinct().ToList();
        var stills = await context.TakeScores.AsNoTracking()
            .Where(s => takeIds.Contains(s.TakeId) && s.MethodVersion == ConsistencyMethod.Version)
            .Select(s => new { s.TakeId, s.FirstFramePng, s.LastFramePng })
            .ToDictionaryAsync(s => s.TakeId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (before, after) in missing)
        {
            if (!stills.TryGetValue(before, out var a) || !stills.TryGetValue(after, out var b) || a.LastFramePng.Length == 0 || b.FirstFramePng.Length == 0)
            {
                continue;
            }
            var seam = SeamScorer.Score(decoder.Decode(a.LastFramePng, "last frame"), decoder.Decode(b.FirstFramePng, "first frame"));
            // A score by an older method is replaced.
            await context.CutSeams.Where(c => c.BeforeTakeId == before && c.AfterTakeId == after).ExecuteDeleteAsync(cancellationToken);
            context.CutSeams.Add(new CutSeam
            {
                ProjectId = projectId,
                BeforeTakeId = before,
                AfterTakeId = after,
                MethodVersion = seam.MethodVersion,
                Score = seam.Score,
                ColourDistance = seam.ColourDistance,
                LightnessJump = seam.LightnessJump,
                ScoredAt = now,
            });
        }
        await context.SaveChangesAsync(cancellationToken);
    }
}

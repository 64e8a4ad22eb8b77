using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Review;

/// <summary>What the board, badges and report are built from, read in one go; <see cref="Rows"/> judges each shot.</summary>
internal sealed class ReviewData(
    IReadOnlyList<ReviewData.ShotRow> shots,
    IReadOnlyList<ReviewData.TakeRow> takes,
    IReadOnlyDictionary<int, TakeScoreView> scores,
    IReadOnlyDictionary<int, ReviewDecision> decisions,
    IReadOnlyDictionary<int, TakeRegeneration> regenerationsByJob,
    IReadOnlyDictionary<(int Before, int After), CutSeam> seams,
    IReadOnlyDictionary<int, (int Id, RenderJobStatus Status)> latestJobs,
    int? onlyShotId)
{
    public List<ReviewRowView> Rows(ConsistencyThresholds thresholds)
    {
        var byShot = takes.GroupBy(t => t.ShotId).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Id).ToList());
        var rows = new List<ReviewRowView>();
        var sceneNumbers = shots.Select(s => s.SceneId).Distinct().Select((id, index) => (id, index + 1)).ToDictionary(p => p.id, p => p.Item2);
        int? previousSelected = null;
        var shotInScene = 0;
        int? scene = null;
        foreach (var shot in shots)
        {
            shotInScene = shot.SceneId == scene ? shotInScene + 1 : 1;
            scene = shot.SceneId;
            var seamIn = previousSelected is { } before && shot.SelectedTakeId is { } after && seams.TryGetValue((before, after), out var s)
                ? new SeamView(s.BeforeTakeId, s.AfterTakeId, s.MethodVersion, s.Score, s.ColourDistance, s.LightnessJump)
                : null;
            if (shot.SelectedTakeId is not null)
            {
                previousSelected = shot.SelectedTakeId;
            }
            if (onlyShotId is { } only && shot.Id != only)
            {
                continue;
            }

            var shotTakes = byShot.GetValueOrDefault(shot.Id) ?? [];
            var current = shotTakes.FirstOrDefault(t => t.Id == shot.SelectedTakeId) ?? shotTakes.FirstOrDefault();
            TakeRow? compare = null;
            if (current is not null)
            {
                compare = shotTakes.FirstOrDefault(t => t.Id > current.Id);
                if (compare is null && regenerationsByJob.TryGetValue(current.JobId, out var origin))
                {
                    compare = shotTakes.FirstOrDefault(t => t.Id == origin.PreviousTakeId);
                }
            }
            var job = latestJobs.TryGetValue(shot.Id, out var latest) ? latest : ((int Id, RenderJobStatus Status)?)null;
            var currentView = current is null ? null : View(current, shot.SelectedTakeId);
            rows.Add(new ReviewRowView(
                shot.Id,
                $"{sceneNumbers[shot.SceneId]}.{shotInScene}",
                shot.Title,
                shot.SceneId,
                shot.SceneTitle,
                shot.CharacterIds,
                currentView,
                compare is null ? null : View(compare, shot.SelectedTakeId),
                seamIn,
                job?.Status,
                job?.Id,
                State(currentView, seamIn, job?.Status, thresholds)));
        }
        return rows;
    }

    private ReviewTakeView View(TakeRow take, int? selectedTakeId)
    {
        var references = JsonSerializer.Deserialize<List<TakeReference>>(take.ReferencesJson, RenderQueue.Json) ?? [];
        regenerationsByJob.TryGetValue(take.JobId, out var origin);
        return new ReviewTakeView(
            take.Id, take.ShotId, take.CreatedAt, take.Seed, take.PackId, take.Scheduler, take.Steps, take.Guidance, take.Strength,
            take.ExecutionProvider, take.Width, take.Height, take.FrameRate, take.FrameCount,
            string.Join(", ", references.Select(r => $"{r.Name} v{r.SetNumber}")),
            take.Id == selectedTakeId,
            scores.GetValueOrDefault(take.Id),
            decisions.TryGetValue(take.Id, out var decision) ? decision : null,
            origin?.Mode,
            origin?.PreviousTakeId);
    }

    private static ReviewState State(ReviewTakeView? take, SeamView? seamIn, RenderJobStatus? job, ConsistencyThresholds thresholds)
    {
        if (take is null)
        {
            return job is RenderJobStatus.Queued or RenderJobStatus.Running ? ReviewState.Rendering : ReviewState.NoTake;
        }
        if (take.Decision == ReviewDecision.Approved)
        {
            return ReviewState.Approved;
        }
        if (take.Decision == ReviewDecision.Regenerate)
        {
            return ReviewState.MarkedForRegeneration;
        }
        if (take.Score is not { } score || (score.Characters.Count == 0 && score.Flicker is null))
        {
            return ReviewState.Unscored;
        }
        if (!score.IsCurrentMethod)
        {
            return ReviewState.Rescore;
        }
        if (score.Worst is { } worst && worst.Score >= thresholds.Drifted)
        {
            return ReviewState.Drifted;
        }
        if (score.Flicker is { } flicker && flicker >= thresholds.Flickering)
        {
            return ReviewState.Flickering;
        }
        if (seamIn is { MethodVersion: ConsistencyMethod.Version } seam && seam.Score >= thresholds.Seam)
        {
            return ReviewState.Seam;
        }
        return ReviewState.Consistent;
    }

    internal sealed record ShotRow(
        int Id, string Title, int SceneId, string SceneTitle, int ScenePosition, int Position, int? SelectedTakeId, List<int> CharacterIds);

    internal sealed record TakeRow(
        int Id, int JobId, int ShotId, DateTimeOffset CreatedAt, long Seed, string PackId, string Scheduler, int Steps, double Guidance,
        double Strength, string ExecutionProvider, int Width, int Height, int FrameRate, int FrameCount, string ReferencesJson);
}

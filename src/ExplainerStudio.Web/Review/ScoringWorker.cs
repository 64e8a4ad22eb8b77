using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Scores every take after its render, off the render's path: a succeeded render event only puts the take id in the
/// <see cref="ScoringQueue"/>, and this worker scores takes one by one. At start-up it also queues every take that has
/// no score by the current <see cref="ConsistencyMethod.Version"/> (committed while no studio was scoring: a crash, a
/// stop before the queue drained, a render worker in another process; or scored by an earlier method, whose scores
/// are on another scale), newest first, behind the renders that finish meanwhile. A take that does not fit the queue keeps
/// no score until the next start or "Score now" on the review board.
/// </summary>
public sealed class ScoringWorker(
    RenderProgressNotifier notifier,
    ScoringQueue queue,
    TakeScorer scorer,
    IDbContextFactory<StudioDbContext> contextFactory,
    ILogger<ScoringWorker> logger) : BackgroundService
{
    private readonly TaskCompletionSource _unscoredQueued = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;

    /// <summary>Completes once the takes left unscored before start-up are queued (or the attempt failed and was logged).</summary>
    public Task UnscoredQueued => _unscoredQueued.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the host starts the render workers' loops, so no finished take is missed. Only renders of
        // this process: under Live:Redis every node hears every worker's events, and each scoring them would repeat the
        // work (web nodes that render nothing included) and race for the one score row; the process that rendered scores.
        _subscription = notifier.Events.SubscribeLocal(e =>
        {
            if (e.Kind == RenderEventKind.Succeeded && e.TakeId is { } takeId && !queue.TryEnqueue(takeId))
            {
                logger.LogWarning("The scoring queue is full; take {TakeId} is left for Score now on the review board", takeId);
            }
        });
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await QueueUnscoredAsync(stoppingToken);
        await foreach (var takeId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await scorer.ScoreAsync(takeId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One take that cannot be scored must not stop scoring for every later take.
                logger.LogError(e, "Scoring take {TakeId} failed", takeId);
            }
        }
    }

    private async Task QueueUnscoredAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(stoppingToken);
            var unscored = await context.Takes.AsNoTracking()
                .Where(t => !context.TakeScores.Any(s => s.TakeId == t.Id && s.MethodVersion == ConsistencyMethod.Version))
                .OrderByDescending(t => t.Id)
                .Select(t => t.Id)
                .ToListAsync(stoppingToken);
            var queued = unscored.TakeWhile(queue.TryEnqueue).Count();
            if (unscored.Count > 0)
            {
                logger.LogInformation("Queued {Queued} of {Unscored} takes without a score by the current method for scoring", queued, unscored.Count);
            }
            if (queued < unscored.Count)
            {
                logger.LogWarning("The scoring queue is full; {Left} older unscored takes wait for the next start or Score now", unscored.Count - queued);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Renders are still scored as they finish; only the catch-up is lost, and the next start tries again.
            logger.LogError(e, "Could not look for takes committed without a score");
        }
        finally
        {
            _unscoredQueued.TrySetResult();
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}

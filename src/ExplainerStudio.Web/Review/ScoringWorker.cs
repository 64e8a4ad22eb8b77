using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Scores every take after its render, off the render's path: a succeeded render event only puts the take id in the
/// <see cref="ScoringQueue"/>, and this worker scores takes one by one. A take that is not scored (queue full, studio
/// stopped first) keeps no score and is offered "Score now" on the review board.
/// </summary>
public sealed class ScoringWorker(
    RenderProgressNotifier notifier,
    ScoringQueue queue,
    TakeScorer scorer,
    ILogger<ScoringWorker> logger) : BackgroundService
{
    private IDisposable? _subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the host starts the render workers' loops, so no finished take is missed.
        _subscription = notifier.Subscribe(e =>
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

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}

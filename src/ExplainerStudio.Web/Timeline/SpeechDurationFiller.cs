using System.Collections.Concurrent;
using System.Threading.Channels;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Web.Collaboration.Changes;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Makes the scratch speech that reads found missing, one line at a time, and stores each duration in the
/// <see cref="SpeechDurationCache"/>, so that reading a timeline never waits for espeak-ng. A line is queued once
/// however many reads ask for it; a full queue drops requests (the next read asks again). Each project whose lines
/// were timed hears of it through the project change feed, when the queue runs dry or every few seconds while it works.
/// </summary>
public sealed class SpeechDurationFiller(
    EspeakSpeechSynthesizer speech,
    SpeechDurationCache cache,
    ProjectChangeFeed feed,
    IOptions<TimelineOptions> options,
    TimeProvider clock,
    ILogger<SpeechDurationFiller> logger) : BackgroundService
{
    public const int Capacity = 20_000;
    private static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(3);

    private readonly Channel<SpeechRequest> _queue = Channel.CreateBounded<SpeechRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly HashSet<int> _timedProjects = [];
    private long _lastPublish;

    /// <summary>Lines waiting to be synthesised.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Queues the lines not already queued; returns how many were queued.</summary>
    public int Request(IEnumerable<SpeechRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var queued = 0;
        foreach (var request in requests)
        {
            if (!_pending.TryAdd(request.Key, 0))
            {
                continue;
            }
            if (_queue.Writer.TryWrite(request))
            {
                queued++;
            }
            else
            {
                _pending.TryRemove(request.Key, out _);
            }
        }
        return queued;
    }

    /// <summary>Synthesises everything queued now, in this call; returns how many lines it handled.</summary>
    public async Task<int> FillQueuedAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        while (_queue.Reader.TryRead(out var request))
        {
            await FillAsync(request, cancellationToken);
            handled++;
        }
        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FillSpeechInBackground)
        {
            return;
        }
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await FillAsync(request, stoppingToken);
        }
    }

    private async Task FillAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var clip = await speech.SynthesizeAsync(request.Text, request.Voice, cancellationToken);
            await cache.StoreAsync(clip.CacheKey, clip.Duration.TotalSeconds, cancellationToken);
        }
        catch (SpeechException e)
        {
            cache.RecordFailure(request.Key, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A full disk or a busy database costs this line its turn only: the next read of its timeline asks again.
            logger.LogWarning(e, "Scratch speech for a line of project {ProjectId} could not be made", request.ProjectId);
        }
        finally
        {
            _pending.TryRemove(request.Key, out _);
        }
        NoteTimed(request.ProjectId);
    }

    private void NoteTimed(int projectId)
    {
        int[] due;
        lock (_gate)
        {
            _timedProjects.Add(projectId);
            var now = clock.GetTimestamp();
            if (_queue.Reader.Count > 0 && clock.GetElapsedTime(_lastPublish, now) < PublishInterval)
            {
                return;
            }
            _lastPublish = now;
            due = [.. _timedProjects];
            _timedProjects.Clear();
        }
        foreach (var id in due)
        {
            feed.Publish(new ProjectChange(id, ProjectChangeKind.TimelineCut, null, null, null, null, "timed the scratch speech of its dialogue", clock.GetUtcNow()));
        }
    }
}

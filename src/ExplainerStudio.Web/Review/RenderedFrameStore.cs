using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Hands the frames a render captured (<see cref="RenderedFrameCapture"/>) to the scorer of the take it became, keyed
/// by the clip's SHA-256 (the renderer knows no take id; the take records the hash). Held for a few takes only: a take
/// whose frames are gone (a restart, a render in another process, "Score now" later) is scored from its clip file.
/// </summary>
public sealed class RenderedFrameStore(IOptions<ReviewOptions> options)
{
    private const int Capacity = 8;
    private readonly ConcurrentDictionary<string, RenderedFrames> _frames = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _served;

    /// <summary>How many takes were scored from captured frames (for tests and diagnostics).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>A capture for one render of <paramref name="frameCount"/> clip frames along <paramref name="move"/>.</summary>
    public RenderedFrameCapture Begin(int frameCount, CameraMove move) =>
        new(frameCount, move, options.Value.SampledFrames, options.Value.AnalysisLongSide);

    public void Keep(string clipSha256, RenderedFrames frames)
    {
        ArgumentException.ThrowIfNullOrEmpty(clipSha256);
        ArgumentNullException.ThrowIfNull(frames);
        _frames[clipSha256] = frames;
        _order.Enqueue(clipSha256);
        while (_frames.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _frames.TryRemove(oldest, out _);
        }
    }

    /// <summary>The frames of the clip with this hash, removed from the store; null when none are held.</summary>
    public RenderedFrames? Take(string clipSha256)
    {
        if (!_frames.TryRemove(clipSha256, out var frames))
        {
            return null;
        }
        Interlocked.Increment(ref _served);
        return frames;
    }
}

using System.Diagnostics;

namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>Counts a pull's bytes and reports them at most four times a second, so a fast local copy does not flood the console.</summary>
internal sealed class TransferProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly long _total;
    private readonly Action<PackDownloadProgress>? _sink;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done;
    private long _transferred;
    private TimeSpan _lastReport = -Interval;

    public TransferProgress(long total, long alreadyOnDisk, Action<PackDownloadProgress>? sink)
    {
        _total = total;
        _done = alreadyOnDisk;
        _sink = sink;
    }

    public void Add(long bytes)
    {
        _done += bytes;
        _transferred += bytes;
    }

    public void Rewind(long bytes) => _done = Math.Max(0, _done - bytes);

    public void Report(string file, bool force)
    {
        TimeSpan now = _clock.Elapsed;
        if (_sink is null || (!force && now - _lastReport < Interval))
        {
            return;
        }

        _lastReport = now;
        double rate = now.TotalSeconds > 0 ? _transferred / now.TotalSeconds : 0;
        _sink(new PackDownloadProgress(file, _done, Math.Max(_total, _done), rate));
    }
}

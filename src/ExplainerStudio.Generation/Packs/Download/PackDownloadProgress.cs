namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>Where a pull stands: the file being fetched and the bytes over the whole pack.</summary>
/// <param name="File">The pack-relative path being downloaded.</param>
/// <param name="BytesDone">Bytes on disk over the whole pack, resumed bytes included.</param>
/// <param name="BytesTotal">Bytes the whole pack needs.</param>
/// <param name="BytesPerSecond">The transfer rate of this run (resumed bytes excluded).</param>
public sealed record PackDownloadProgress(string File, long BytesDone, long BytesTotal, double BytesPerSecond)
{
    /// <summary>The time left at the current rate, or null before a rate is known.</summary>
    public TimeSpan? Eta => BytesPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, BytesTotal - BytesDone) / BytesPerSecond) : null;
}

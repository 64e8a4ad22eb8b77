using ExplainerStudio.Media.Export;
using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Timeline;

/// <summary>One export of a project to a finished video, and its history entry.</summary>
public sealed class ExportJob : IDurableJob
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public string RequestedById { get; set; } = "";
    public ExportStatus Status { get; set; }
    public ExportResolution Resolution { get; set; }
    public ExportAspect Aspect { get; set; }
    public ExportFit Fit { get; set; }
    public SubtitleMode Subtitles { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double Progress { get; set; }
    public double DurationSeconds { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>The MP4 relative to the data folder (its .srt and .vtt sidecars sit next to it); null until it is verified.</summary>
    public string? FilePath { get; set; }
    public string? Error { get; set; }

    public bool CancelRequested { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

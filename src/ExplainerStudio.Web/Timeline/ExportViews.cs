using ExplainerStudio.Media.Export;

namespace ExplainerStudio.Web.Timeline;

public sealed record ExportRequestEdit(ExportResolution Resolution, ExportAspect Aspect, ExportFit Fit, SubtitleMode Subtitles);

public sealed record ExportView(
    int Id,
    ExportStatus Status,
    ExportResolution Resolution,
    ExportAspect Aspect,
    ExportFit Fit,
    SubtitleMode Subtitles,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    double Progress,
    double DurationSeconds,
    long SizeBytes,
    string? Error)
{
    public bool CanDownload => Status == ExportStatus.Succeeded;
    public bool CanCancel => Status is ExportStatus.Queued or ExportStatus.Running;
}

/// <summary>Which file of a finished export to download.</summary>
public enum ExportFileKind
{
    Video,
    Srt,
    Vtt,
}

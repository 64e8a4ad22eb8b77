namespace ExplainerStudio.Web.Timeline;

/// <summary>The project's music track, laid under the whole timeline and ducked under dialogue.</summary>
public sealed class TimelineMusic
{
    public int ProjectId { get; set; }

    /// <summary>The audio file relative to the data folder.</summary>
    public string FilePath { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public double DurationSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

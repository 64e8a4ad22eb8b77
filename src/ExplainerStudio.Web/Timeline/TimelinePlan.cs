using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Timeline;

/// <summary>A project's timeline ready to export or show: the aligned timing, the pictures, and per-line problems.</summary>
internal sealed record TimelinePlan(
    AlignedTimeline Timeline,
    IReadOnlyList<ExportShot> Pictures,
    int FrameRate,
    IReadOnlyDictionary<string, ShotRow> Shots,
    IReadOnlyDictionary<string, string> LineProblems,
    IReadOnlyDictionary<string, string> AudioSources,
    IReadOnlyDictionary<string, double?> TrimOuts,
    string? MusicPath,
    string? MusicName);

internal sealed record ShotRow(int ShotId, int SceneId, string SceneTitle, string Title, int? TakeId, IReadOnlyDictionary<string, string> Speakers, TimelineCutEdit Cut);

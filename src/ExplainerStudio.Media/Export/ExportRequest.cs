using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Media.Export;

/// <summary>Everything one export needs.</summary>
/// <param name="Timeline">Shots and dialogue placed in time; every line must have audio.</param>
/// <param name="Shots">The picture of each shot, matched by shot id; a shot without one gets a placeholder card.</param>
/// <param name="Settings">Size, shape, subtitles and quality.</param>
/// <param name="OutputPath">The MP4 to write; its <c>.srt</c> and <c>.vtt</c> sidecars go next to it.</param>
/// <param name="MusicPath">A music track laid under the whole timeline and ducked under dialogue, or null.</param>
public sealed record ExportRequest(
    AlignedTimeline Timeline,
    IReadOnlyList<ExportShot> Shots,
    ExportSettings Settings,
    string OutputPath,
    string? MusicPath = null);

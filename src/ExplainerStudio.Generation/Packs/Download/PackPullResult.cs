namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>What a pull installed and what the pack loader then said about it.</summary>
/// <param name="Directory">The installed pack folder (models/NAME).</param>
/// <param name="Files">Every installed file.</param>
/// <param name="SkippedOptionalFiles">Optional files the server did not have.</param>
/// <param name="ManifestPath">Where the hashes were recorded (models/.pulled/NAME.json).</param>
/// <param name="Report">The loader's report on the installed pack.</param>
public sealed record PackPullResult(
    string Directory,
    IReadOnlyList<PulledFile> Files,
    IReadOnlyList<string> SkippedOptionalFiles,
    string ManifestPath,
    ModelPackReport Report);

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// The result of inspecting one pack folder: the pack when it is usable, otherwise every problem found, each naming
/// the file, what is wrong and what was expected. Notes are informational (e.g. an image encoder that cannot feed the UNet).
/// </summary>
/// <param name="Id">The pack's folder name.</param>
/// <param name="Directory">The pack's folder (full path).</param>
/// <param name="Problems">What makes the pack unusable; empty when <see cref="Pack"/> is set.</param>
/// <param name="Notes">Things worth knowing that do not stop the pack from working.</param>
/// <param name="Pack">The loaded pack, or null when there are problems.</param>
public sealed record ModelPackReport(
    string Id,
    string Directory,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    ModelPack? Pack)
{
    /// <summary>True when the pack loaded and can render.</summary>
    public bool IsUsable => Pack is not null;

    /// <summary>One message for logs and the UI.</summary>
    public string Summary => IsUsable
        ? $"Model pack '{Id}': {Pack!.Description}."
        : $"Model pack '{Id}' cannot be used: {string.Join(" ", Problems)}";
}

namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>A known ONNX export on the Hugging Face hub that `pack pull NAME` can install into models/NAME.</summary>
/// <param name="Name">The catalogue name and the folder it installs to.</param>
/// <param name="Repository">The hub repository ("owner/name").</param>
/// <param name="Revision">The branch or commit the file list was read from.</param>
/// <param name="Description">What the model is, for listings.</param>
/// <param name="Source">Where the file list and sizes were read (the hub page), so a reader can check it.</param>
/// <param name="Files">Every file the pack needs.</param>
public sealed record PublishedPack(
    string Name,
    string Repository,
    string Revision,
    string Description,
    string Source,
    IReadOnlyList<PublishedPackFile> Files)
{
    /// <summary>The URL of the pack's root folder on a hub at <paramref name="hubBaseUrl"/>, ending with '/'.</summary>
    public Uri RootUrl(Uri hubBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(hubBaseUrl);
        string hub = hubBaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{hub}/{Repository}/resolve/{Uri.EscapeDataString(Revision)}/");
    }
}

namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>One file of a published pack, as the catalogue knows it.</summary>
/// <param name="Path">The path inside the pack, with '/' separators (e.g. "unet/model.onnx").</param>
/// <param name="Bytes">The exact size when confirmed, otherwise null (the server's Content-Length is used).</param>
/// <param name="Sha256">The SHA-256 (lower-case hex) when confirmed: then enforced. Null: computed and recorded.</param>
/// <param name="ListedBytes">The rounded size the hub page shows, for the disk-space estimate when nothing better is known.</param>
/// <param name="Optional">True for files an export may or may not have (external data): a 404 skips it.</param>
public sealed record PublishedPackFile(string Path, long? Bytes = null, string? Sha256 = null, long? ListedBytes = null, bool Optional = false);

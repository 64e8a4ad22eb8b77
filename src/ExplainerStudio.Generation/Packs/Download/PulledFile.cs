namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>One installed file and how its content was checked.</summary>
/// <param name="Path">The pack-relative path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Its SHA-256 (lower-case hex).</param>
/// <param name="Verified">True when the hash matched one the catalogue or the server published; false when it was only computed and recorded.</param>
public sealed record PulledFile(string Path, long Bytes, string Sha256, bool Verified);

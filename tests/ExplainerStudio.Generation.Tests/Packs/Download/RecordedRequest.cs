namespace ExplainerStudio.Generation.Tests.Packs.Download;

/// <summary>One request the local file server saw.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Range);

namespace ExplainerStudio.Web.Rendering;

/// <summary>The shared take store, bound from the <c>TakeStore</c> section.</summary>
public sealed class TakeStoreOptions
{
    public const string SectionName = "TakeStore";

    /// <summary>
    /// The folder take files go to, shared by every web node and worker (a network share mounted at the same path, a
    /// volume); relative to the content root. Empty: the data folder, as on one machine (files land in data/takes).
    /// </summary>
    public string? Directory { get; set; }
}

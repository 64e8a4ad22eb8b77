using ExplainerStudio.Generation.Packs.Download;

namespace ExplainerStudio.Web.Rendering;

/// <summary>Where one pull from the Model packs page stands; replaced, never changed, so a page reads it whole.</summary>
/// <param name="Name">The catalogue name.</param>
/// <param name="Running">True while the pull runs.</param>
/// <param name="Progress">The downloader's latest progress, or null before the first bytes.</param>
/// <param name="Error">Why the pull stopped, in the downloader's words, or null.</param>
/// <param name="Summary">After a pull that installed the pack: what the pack loader says about it.</param>
public sealed record PackPullState(string Name, bool Running, PackDownloadProgress? Progress, string? Error, string? Summary);

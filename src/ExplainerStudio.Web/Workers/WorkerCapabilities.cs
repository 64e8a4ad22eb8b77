using System.Linq.Expressions;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Workers;

/// <summary>
/// What this process can render, read from its generation engine: the packs in its models folder, where it runs
/// models and whether that is a GPU. The claim filter and the workers list both come from here, so a worker never
/// advertises one thing and takes another.
/// </summary>
public sealed class WorkerCapabilities(GenerationEngine engine)
{
    /// <summary>
    /// Pack ids (lower case) of every pack folder the engine found, usable or not: a job for a pack that is broken here
    /// is taken and fails with what is wrong with it, which the user can fix; a pack that is not here is left to others.
    /// </summary>
    public IReadOnlyList<string> Packs =>
        engine.Catalog is { } catalog ? [.. catalog.Reports.Select(r => Normalise(r.Id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : [];

    public string ExecutionProvider => engine.Provider?.ProviderName ?? "none";

    public bool HasGpu => engine.Provider?.Active == ExecutionProviderKind.Cuda;

    /// <summary>Why this process cannot render at all, or null.</summary>
    public string? Problem => engine.State == GenerationEngineState.Failed ? engine.Error : null;

    /// <summary>The render jobs this process may claim: those needing a pack it has, and old jobs that name none.</summary>
    public Expression<Func<RenderJob, bool>> Eligible()
    {
        var packs = Packs.ToList();
        return j => j.RequiredPack == null || packs.Contains(j.RequiredPack);
    }

    /// <summary>The form pack ids are compared in (pack folders are found case-insensitively).</summary>
    public static string Normalise(string packId) => packId.Trim().ToLowerInvariant();
}

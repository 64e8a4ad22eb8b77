namespace ExplainerStudio.Generation.Packs;

/// <summary>The packs found in the models folder: a report for every folder, and the usable packs by id.</summary>
public sealed class ModelPackCatalog
{
    private readonly Dictionary<string, ModelPackReport> _byId;

    /// <summary>Creates a catalog from inspection reports.</summary>
    public ModelPackCatalog(string modelsDirectory, IReadOnlyList<ModelPackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ModelsDirectory = modelsDirectory;
        Reports = reports;
        Packs = reports.Where(r => r.Pack is not null).Select(r => r.Pack!).ToList();
        _byId = reports.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The folder that was searched.</summary>
    public string ModelsDirectory { get; }

    /// <summary>One report per pack folder, usable or not, in folder-name order.</summary>
    public IReadOnlyList<ModelPackReport> Reports { get; }

    /// <summary>The usable packs.</summary>
    public IReadOnlyList<ModelPack> Packs { get; }

    /// <summary>The usable pack with that id, or null.</summary>
    public ModelPack? Find(string id) => _byId.TryGetValue(id, out ModelPackReport? report) ? report.Pack : null;

    /// <summary>The usable pack with that id.</summary>
    /// <exception cref="ModelPackException">There is no such pack, or it has problems (listed in the message).</exception>
    public ModelPack Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_byId.TryGetValue(id, out ModelPackReport? report))
        {
            string available = Packs.Count == 0 ? "none" : string.Join(", ", Packs.Select(p => p.Id));
            throw new ModelPackException(id, $"There is no model pack '{id}' in '{ModelsDirectory}'. Usable packs: {available}.");
        }

        return report.Pack ?? throw new ModelPackException(id, report.Summary);
    }
}

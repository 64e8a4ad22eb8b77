using System.Text.Json;

namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>The published packs `pack pull NAME` knows, read from models/catalogue.json.</summary>
public sealed record PackCatalogue(IReadOnlyList<PublishedPack> Packs)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a catalogue file; a missing or malformed file throws with the path and the reason.</summary>
    public static PackCatalogue Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The pack catalogue '{path}' does not exist; it lists the packs `pack pull` can fetch.", path);
        }

        PackCatalogue? catalogue;
        try
        {
            catalogue = JsonSerializer.Deserialize<PackCatalogue>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The pack catalogue '{path}' is not valid JSON: {e.Message}", e);
        }

        if (catalogue?.Packs is null || catalogue.Packs.Count == 0)
        {
            throw new InvalidDataException($"The pack catalogue '{path}' lists no packs (expected {{\"packs\": [...]}}).");
        }

        foreach (PublishedPack pack in catalogue.Packs)
        {
            if (string.IsNullOrWhiteSpace(pack.Name) || string.IsNullOrWhiteSpace(pack.Repository) || pack.Files is null || pack.Files.Count == 0)
            {
                throw new InvalidDataException($"The pack catalogue '{path}' has an entry without a name, repository or files.");
            }
        }

        return catalogue;
    }

    /// <summary>The pack called <paramref name="name"/>; an unknown name throws listing the known ones.</summary>
    public PublishedPack Find(string name) =>
        Packs.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new PackDownloadException(name, $"No published pack is called '{name}'. Known packs: {string.Join(", ", Packs.Select(p => p.Name))}.");
}

using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Generation.Packs;

/// <summary>Where model packs live. Bound from the <c>Generation</c> configuration section.</summary>
public sealed class ModelPackOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Generation";

    /// <summary>The folder holding one sub-folder per pack; relative paths are resolved against the content root.</summary>
    [Required]
    [MaxLength(4096)]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>The pack used when a shot names none.</summary>
    [Required]
    [MaxLength(200)]
    public string DefaultPack { get; set; } = "previz";

    /// <summary>The hub the Model packs page pulls published packs from (models/catalogue.json names their
    /// repositories): the Hugging Face hub, or a mirror laid out as {hub}/{repository}/resolve/{revision}/{path}.</summary>
    [Required]
    [Url]
    [MaxLength(2048)]
    public string PackHubUrl { get; set; } = "https://huggingface.co/";
}

using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Data;

public sealed class StudioDataOptions
{
    public const string SectionName = "Data";

    /// <summary>Where the studio writes everything; relative paths are resolved against the content root.</summary>
    [Required]
    public string Directory { get; set; } = "data";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.-]+\.db$", ErrorMessage = "Data:DatabaseFile must be a plain file name ending in .db.")]
    public string DatabaseFile { get; set; } = "studio.db";
}

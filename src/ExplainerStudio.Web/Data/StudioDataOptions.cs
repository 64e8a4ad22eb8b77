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

    /// <summary>How old a file no row owns must be before the sweep removes it (an upload in progress has no row yet).</summary>
    [Range(1, 24 * 365)]
    public int OrphanGraceHours { get; set; } = 24;

    [Range(1, 24 * 365)]
    public int SweepIntervalHours { get; set; } = 24;

    /// <summary>Run the sweep of data/ at start-up and every SweepIntervalHours (tests that plant files turn it off).</summary>
    public bool SweepOrphanFiles { get; set; } = true;
}

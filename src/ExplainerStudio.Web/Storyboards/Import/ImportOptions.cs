using System.ComponentModel.DataAnnotations;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>Limits and breakdown settings of the script import, bound from the <c>Import</c> section.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxScriptBytes { get; set; } = 512 * 1024;

    [Range(1, 10_000)]
    public int MaxScenes { get; set; } = 200;

    [Range(1, 100_000)]
    public int MaxShots { get; set; } = 1000;

    /// <summary>A script that names more new speakers than this is more likely a mis-read than a cast.</summary>
    [Range(1, 1000)]
    public int MaxNewCharacters { get; set; } = 30;

    /// <summary>Prose is grouped into shots of about this much speech.</summary>
    [Range(2, 60)]
    public double TargetShotSeconds { get; set; } = 8;

    [Required, StringLength(80, MinimumLength = 1)]
    public string NarratorName { get; set; } = "Narrator";

    /// <summary>An espeak-ng voice apart from the default "en-us" of new characters, so that narration is told apart.</summary>
    [Required, RegularExpression("^[A-Za-z0-9+_-]{1,40}$")]
    public string NarratorVoice { get; set; } = "en-gb";

    [Range(0, 99)]
    public int NarratorPitch { get; set; } = 40;

    [Range(80, 450)]
    public int NarratorRate { get; set; } = 160;

    public ScriptImportSettings ToSettings(TimelineOptions timeline) => new()
    {
        MaxScriptBytes = MaxScriptBytes,
        MaxScenes = MaxScenes,
        MaxShots = MaxShots,
        MaxNewCharacters = MaxNewCharacters,
        TargetShotSeconds = TargetShotSeconds,
        Narrator = new ImportCharacter(NarratorName.Trim(), true, NarratorVoice, NarratorPitch, NarratorRate, "Reads the narration of imported prose."),
        LeadInSeconds = timeline.LeadInSeconds,
        GapSeconds = timeline.GapSeconds,
        TailSeconds = timeline.TailSeconds,
        MinimumShotSeconds = timeline.MinimumShotSeconds,
    };
}

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// What parsing and the preview's edits need to know: the limits, the target shot length, the Narrator, and the
/// timeline's padding around dialogue (so that estimates match the durations the timeline will fit).
/// </summary>
public sealed record ScriptImportSettings
{
    public static ScriptImportSettings Default { get; } = new ImportOptions().ToSettings(new Timeline.TimelineOptions());

    public int MaxScriptBytes { get; init; } = 512 * 1024;
    public int MaxScenes { get; init; } = 200;
    public int MaxShots { get; init; } = 1000;
    public int MaxNewCharacters { get; init; } = 30;
    public double TargetShotSeconds { get; init; } = 8;
    public required ImportCharacter Narrator { get; init; }
    public double LeadInSeconds { get; init; } = 0.3;
    public double GapSeconds { get; init; } = 0.25;
    public double TailSeconds { get; init; } = 0.5;
    public double MinimumShotSeconds { get; init; } = 1;

    /// <summary>A shot with nothing to say keeps the storyboard's default length.</summary>
    public double SilentShotSeconds { get; init; } = 4;

    /// <summary>The shot's length once its lines are spoken: padding as the timeline adds it, within a shot's limits.</summary>
    public double EstimateShotSeconds(IReadOnlyList<ImportLine> lines, Func<string, int> rateOf)
    {
        if (lines.Count == 0)
        {
            return SilentShotSeconds;
        }
        var speech = lines.Sum(l => SpeechEstimate.Seconds(l.Text, rateOf(l.Speaker)));
        var total = LeadInSeconds + speech + GapSeconds * (lines.Count - 1) + TailSeconds;
        return Math.Round(Math.Clamp(Math.Max(total, MinimumShotSeconds), Shot.MinDurationSeconds, Shot.MaxDurationSeconds), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Speech alone, without the clamp: tells when a shot would need more than a shot can last.</summary>
    public double SpeechSeconds(IReadOnlyList<ImportLine> lines, Func<string, int> rateOf) =>
        lines.Count == 0 ? 0 : LeadInSeconds + lines.Sum(l => SpeechEstimate.Seconds(l.Text, rateOf(l.Speaker))) + GapSeconds * (lines.Count - 1) + TailSeconds;
}

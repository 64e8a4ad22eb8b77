namespace ExplainerStudio.Web.Review;

/// <summary>One line of the consistency report: a character in a shot's take (or the shot alone, when nothing in it is
/// scored). The CSV and JSON hold exactly these figures; the HTML page shows them with the pictures.</summary>
public sealed record ConsistencyReportLine(
    string Shot,
    string ShotTitle,
    string Scene,
    int? TakeId,
    string? Character,
    int? ReferenceSet,
    double? Drift,
    double? Colour,
    double? Structure,
    double? Embedding,
    double? MeanDrift,
    int? WorstFrame,
    double? Flicker,
    string? FlickerFrames,
    double? SeamIn,
    string State,
    string? Decision,
    int? MethodVersion);

using ExplainerStudio.Generation.Consistency;

namespace ExplainerStudio.Web.Review;

/// <summary>A project's consistency report: every shot and character with its scores and decision.</summary>
public sealed record ConsistencyReport(
    int ProjectId,
    string Project,
    DateTimeOffset GeneratedAt,
    int MethodVersion,
    ConsistencyThresholds Thresholds,
    IReadOnlyList<ConsistencyReportLine> Lines);

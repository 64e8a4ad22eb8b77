namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// One step in a project's activity log: who did what to which thing, and for edits the fields before and after.
/// Rows are written in the same transaction as the change they describe (<see cref="ActivityInterceptor"/>), so the
/// log never shows a change the database does not have, and never misses one it does.
/// </summary>
public sealed class ActivityEntry
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null when the studio itself acted with nobody behind it (recovery after a restart).</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The actor's name when it happened, so the log still reads after an account is renamed or removed.</summary>
    public string? ActorName { get; set; }
    public ActivityKind Kind { get; set; }
    public ActivityTarget Target { get; set; }
    public int? TargetId { get; set; }

    /// <summary>The shot the step concerns (its own edit, an approval, a take, a cut), for the shot filter and history.</summary>
    public int? ShotId { get; set; }

    /// <summary>A sentence without the actor: "renamed shot 'Intro' to 'Opening'".</summary>
    public string Summary { get; set; } = "";

    /// <summary>The changed fields as JSON (<see cref="ActivityFieldChange"/>[]); "[]" when the step changed no field.</summary>
    public string ChangesJson { get; set; } = "[]";
}

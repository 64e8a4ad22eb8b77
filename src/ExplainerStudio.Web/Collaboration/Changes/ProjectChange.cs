using System.Text.Json.Serialization;

namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// One committed change to a project, published after the commit (never before: a rolled-back edit must not reach
/// anyone). It says what changed and who changed it, not the new values: a page that cares re-reads from the database,
/// so the feed can never show a state the database does not have.
/// </summary>
/// <param name="ProjectId">The project the change belongs to; subscribers filter by it.</param>
/// <param name="Kind">The kind of thing that changed.</param>
/// <param name="EntityId">The id of the changed row (shot id, scene id, comment id ...), or null for the project itself.</param>
/// <param name="ShotId">The shot the change concerns, when there is one (a comment on a shot, a take selection).</param>
/// <param name="ActorUserId">Who committed it; pages use it to ignore their own echo and to say "Ada changed ...".</param>
/// <param name="ActorName">The actor's display name, for messages.</param>
/// <param name="Summary">A short human sentence: "renamed the shot to \"Intro\"".</param>
/// <param name="At">When it was committed.</param>
public sealed record ProjectChange(
    int ProjectId,
    ProjectChangeKind Kind,
    int? EntityId,
    int? ShotId,
    string? ActorUserId,
    string? ActorName,
    string Summary,
    DateTimeOffset At)
{
    /// <summary>
    /// The circuit whose user action committed the change (stamped by the feed from <see cref="ProjectChangeOrigin"/>),
    /// so that exactly that page ignores its own echo while the same user's other tabs still update. Never sent to
    /// hub clients.
    /// </summary>
    [JsonIgnore]
    public string? OriginCircuitId { get; init; }

    /// <summary>
    /// The web node or worker that committed it, when that was not this process (set by the Redis bridge under
    /// Live:Redis); null for a change committed here. Never sent to hub clients.
    /// </summary>
    [JsonIgnore]
    public string? FromNode { get; init; }

    /// <summary>
    /// Stamped by the feed: rises with every change it publishes, so a read that started after a change was published
    /// can be told from one that started before it (<see cref="ProjectSnapshots"/>). Zero before publishing.
    /// </summary>
    [JsonIgnore]
    public long Sequence { get; init; }
}

using ExplainerStudio.Web.Data;

namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>
/// One entry of a user's inbox. <see cref="SourceKey"/> names the event it came from ("comment:12:mention"), unique per
/// user, so an event seen twice (an edited comment, a re-published change) never notifies twice.
/// </summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public StudioUser? User { get; set; }
    public int ProjectId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Detail { get; set; } = "";

    /// <summary>Where the notification leads, relative to the studio's base address ("projects/3/shots/7").</summary>
    public string Link { get; set; } = "";
    public string SourceKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

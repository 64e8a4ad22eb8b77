namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>
/// Someone who edited a shot, learnt from the project change feed; they hear about the shot's approval changes.
/// </summary>
public sealed class ShotContributor
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset LastEditedAt { get; set; }
}

namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>A notification to deliver to one member; dropped when they are no longer a member of the project.</summary>
public sealed record NotificationDraft(
    string UserId, int ProjectId, NotificationKind Kind, string Title, string Detail, string Link, string SourceKey);

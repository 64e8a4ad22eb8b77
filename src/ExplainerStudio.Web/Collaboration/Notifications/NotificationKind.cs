namespace ExplainerStudio.Web.Collaboration.Notifications;

public enum NotificationKind
{
    Mention,
    Reply,
    Approval,
    RenderSucceeded,
    RenderFailed,
    ExportSucceeded,
    ExportFailed,
}

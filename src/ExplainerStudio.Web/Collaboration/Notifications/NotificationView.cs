namespace ExplainerStudio.Web.Collaboration.Notifications;

public sealed record NotificationView(
    int Id, NotificationKind Kind, int ProjectId, string ProjectName, string Title, string Detail, string Link,
    DateTimeOffset CreatedAt, bool IsRead);

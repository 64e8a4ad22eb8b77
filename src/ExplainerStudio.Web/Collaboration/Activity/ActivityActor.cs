namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// Who the database writes of the current flow are on behalf of. <see cref="ProjectAccess.RequireAsync"/> sets it when it
/// checks a user, which every service does before it writes, so the activity log names the acting user without each
/// service passing it along. It is an async-local value: it holds for the rest of the service method that made the
/// check and never leaks back to its caller or to another request.
/// </summary>
public static class ActivityActor
{
    private static readonly AsyncLocal<string?> CurrentUser = new();
    private static readonly AsyncLocal<ActivityOperation?> CurrentOperation = new();

    public static string? UserId => CurrentUser.Value;

    /// <summary>The operation the writes belong to, when a service grouped them (an import is one step, not hundreds).</summary>
    public static ActivityOperation? Operation => CurrentOperation.Value;

    internal static void Enter(string? userId)
    {
        if (!string.IsNullOrEmpty(userId))
        {
            CurrentUser.Value = userId;
        }
    }

    /// <summary>Records every write until disposed as one entry of <paramref name="kind"/> (counts of what was added are appended).</summary>
    public static IDisposable Group(ActivityKind kind, string summary)
    {
        var previous = CurrentOperation.Value;
        CurrentOperation.Value = new ActivityOperation(kind, summary);
        return new Restore(() => CurrentOperation.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

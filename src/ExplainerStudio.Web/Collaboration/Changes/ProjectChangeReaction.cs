namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// The change an open page is re-reading for, on this async flow: the LiveProject component (and the per-circuit boards)
/// set it around their re-read, so the services' reads can share one read per project with every other page reacting
/// to the same change (<see cref="ProjectSnapshots"/>) without a parameter through every page. Null everywhere else: a
/// page opening, a user's own action, the API and the workers always read the database themselves.
/// </summary>
public static class ProjectChangeReaction
{
    private static readonly AsyncLocal<ProjectChange?> Reacting = new();

    public static ProjectChange? Current => Reacting.Value;

    /// <summary>Runs <paramref name="reread"/> as the reaction to <paramref name="change"/>.</summary>
    public static async Task RunAsync(ProjectChange change, Func<Task> reread)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reread);
        // Set inside this async method, so the caller's flow never keeps it.
        Reacting.Value = change;
        await reread();
    }
}

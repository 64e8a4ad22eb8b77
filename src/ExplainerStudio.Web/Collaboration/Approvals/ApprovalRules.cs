namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>Who may move a shot to which approval state, in one place so the service, the endpoints and the menu agree.</summary>
public static class ApprovalRules
{
    public const int MaxNoteLength = 1000;

    /// <summary>
    /// Editors submit their work for review (or take it back to draft); deciding on it (approve, request changes)
    /// is the reviewers' part, and owners and editors can do it too because each role includes the ones below.
    /// </summary>
    public static ProjectRole RoleFor(ApprovalState target) => target switch
    {
        ApprovalState.Approved or ApprovalState.ChangesRequested => ProjectRole.Reviewer,
        _ => ProjectRole.Editor,
    };

    public static bool CanSet(ProjectRole? role, ApprovalState target) => role is { } r && r >= RoleFor(target);

    /// <summary>The states a member with <paramref name="role"/> may move a shot in <paramref name="current"/> to.</summary>
    public static IReadOnlyList<ApprovalState> TargetsFor(ProjectRole? role, ApprovalState current) =>
        [.. Enum.GetValues<ApprovalState>().Where(s => s != current && CanSet(role, s))];

    public static string Label(ApprovalState state) => state switch
    {
        ApprovalState.Draft => "Draft",
        ApprovalState.InReview => "In review",
        ApprovalState.ChangesRequested => "Changes requested",
        ApprovalState.Approved => "Approved",
        _ => state.ToString(),
    };

    /// <summary>What a decision did, for the feed and the activity log: "approved shot 'Intro'".</summary>
    public static string Sentence(ApprovalState state, string shotTitle) => state switch
    {
        ApprovalState.Draft => $"returned shot '{shotTitle}' to draft",
        ApprovalState.InReview => $"submitted shot '{shotTitle}' for review",
        ApprovalState.ChangesRequested => $"requested changes on shot '{shotTitle}'",
        ApprovalState.Approved => $"approved shot '{shotTitle}'",
        _ => $"set shot '{shotTitle}' to {state}",
    };
}

namespace ExplainerStudio.Web.Components.Collaboration;

/// <summary>One field that differs between the user's unsaved version and the version another member saved.</summary>
public sealed record ConflictField(string Field, string Mine, string Theirs)
{
    /// <summary>The fields whose two versions differ, in the order given; an empty value reads "(empty)".</summary>
    public static List<ConflictField> Differing(params (string Field, string Mine, string Theirs)[] fields) =>
        [.. fields.Where(f => f.Mine != f.Theirs).Select(f => new ConflictField(f.Field, Shown(f.Mine), Shown(f.Theirs)))];

    private static string Shown(string value) => value.Length == 0 ? "(empty)" : value;
}

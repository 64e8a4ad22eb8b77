using System.Globalization;
using System.Text.Json;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Compares a take regenerated with the same recipe against the original. Same pack, provider and inputs must give the
/// same keyframe <em>pixels</em>: equal PNG bytes settle it at once, and otherwise the decoded pictures are compared, so
/// that a different PNG encoder build (a SkiaSharp update) never reads as a different take. When the pixels differ the
/// result names what differed, so a user can tell a changed pack or provider from a real non-determinism.
/// </summary>
public static class ReproductionCheck
{
    public const string Reproducible = "reproducible";

    /// <param name="samePixels">Decodes both keyframes and compares their pixels; asked only when the bytes differ.</param>
    public static string Compare(Take original, RenderedTake again, Func<bool> samePixels)
    {
        if (original.KeyframeSha256 == again.KeyframeSha256 || samePixels())
        {
            return Reproducible;
        }

        var differences = new List<string>();
        void Check(string what, string before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                differences.Add($"{what} {before} → {after}");
            }
        }
        Check("pack", original.PackId, again.Recipe.PackId);
        Check("pack hash", Short(original.PackHash), Short(again.Recipe.PackHash));
        Check("provider", original.ExecutionProvider, again.Recipe.ExecutionProvider);
        Check("seed", original.Seed.ToString(CultureInfo.InvariantCulture), unchecked((long)again.Recipe.Seed).ToString(CultureInfo.InvariantCulture));
        Check("scheduler", original.Scheduler, again.Recipe.Scheduler.ToString());
        Check("steps", original.Steps.ToString(CultureInfo.InvariantCulture), again.Recipe.Steps.ToString(CultureInfo.InvariantCulture));
        Check("size", $"{original.Width}x{original.Height}", $"{again.Width}x{again.Height}");
        Check("references", original.ReferencesJson, JsonSerializer.Serialize(again.References, RenderQueue.Json));
        Check("app", original.AppVersion, ShotRenderer.AppVersion);
        var cause = differences.Count == 0 ? "with the same recipe (non-deterministic output)" : "because " + string.Join("; ", differences);
        return $"keyframe differs ({Short(original.KeyframeSha256)} → {Short(again.KeyframeSha256)}) {cause}";
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}

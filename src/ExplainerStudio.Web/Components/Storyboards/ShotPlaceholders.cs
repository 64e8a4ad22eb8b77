using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>
/// The stand-in for the cards of a scene that is not near the screen: empty boxes laid out as cards are, written as one
/// piece of markup, so a far scene costs the circuit one render frame instead of a component tree per shot. The markup
/// depends only on the count, so it is made once per count and shared by every circuit.
/// </summary>
public static class ShotPlaceholders
{
    // The inner parts of a card whose picture and chips are not drawn yet (ShotCard's placeholder), so both are one height.
    private const string Box =
        "<div class=\"studio-shot studio-shot-placeholder\"><div class=\"studio-frame studio-frame-compact\"></div>"
        + "<span class=\"studio-shot-number\">&nbsp;</span><h3>&nbsp;</h3><div class=\"studio-subtle\">&nbsp;</div>"
        + "<div class=\"studio-shot-badges studio-shot-badges-pending\"></div></div>";

    // Scenes rarely hold more than a few hundred shots; larger counts are written each time rather than kept.
    private const int MaxShared = 500;
    private static readonly ConcurrentDictionary<int, MarkupString> Shared = new();

    public static MarkupString Of(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count <= MaxShared ? Shared.GetOrAdd(count, Write) : Write(count);
    }

    private static MarkupString Write(int count) => new(new StringBuilder(Box.Length * count).Insert(0, Box, count).ToString());
}

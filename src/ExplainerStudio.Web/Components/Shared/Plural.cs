using System.Globalization;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>Counts in running text: "1 shot", "3 shots".</summary>
public static class Plural
{
    /// <summary>The count and the noun, with an "s" unless the count is one; every noun the studio counts is regular.</summary>
    public static string Of(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}

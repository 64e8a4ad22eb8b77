using System.Globalization;
using ExplainerStudio.Web.Review;
using MudBlazor;

namespace ExplainerStudio.Web.Components.Review;

/// <summary>How review figures and states read on screen: scores with two decimals in every culture, one colour per state.</summary>
public static class ReviewFigures
{
    public static string Score(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    public static string State(ReviewState state) => ConsistencyReportExporter.Words(state);

    public static Color StateColor(ReviewState state) => state switch
    {
        ReviewState.Drifted or ReviewState.Flickering or ReviewState.Seam => Color.Error,
        ReviewState.MarkedForRegeneration or ReviewState.Rescore => Color.Warning,
        ReviewState.Consistent or ReviewState.Approved => Color.Success,
        ReviewState.Rendering => Color.Info,
        _ => Color.Default,
    };

    public static string Mode(RegenerationMode mode) => mode == RegenerationMode.StrongerReferences ? "stronger references" : "new seed";
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Where a score starts to count as a problem. The defaults come from the <c>consistency</c> benchmark (see the
/// library's README); a project may tighten or loosen them. Bindable as options (section
/// <see cref="SectionName"/>) and checked with <see cref="Validate"/> or data annotations.
/// </summary>
public sealed record ConsistencyThresholds
{
    /// <summary>The configuration section the studio binds the defaults from.</summary>
    public const string SectionName = "Consistency";

    /// <summary>The default drift threshold (see <see cref="Drifted"/>).</summary>
    public const double DefaultDrifted = 0.6;

    /// <summary>The default flicker threshold (see <see cref="Flickering"/>).</summary>
    public const double DefaultFlickering = 0.2;

    /// <summary>The default seam threshold (see <see cref="Seam"/>).</summary>
    public const double DefaultSeam = 0.7;

    /// <summary>A <see cref="DriftScore.Score"/> at or above this marks the character as drifted.</summary>
    [Range(0.0, 1.0)]
    public double Drifted { get; init; } = DefaultDrifted;

    /// <summary>A <see cref="FlickerScore.Score"/> at or above this marks the take as flickering.</summary>
    [Range(0.0, 1.0)]
    public double Flickering { get; init; } = DefaultFlickering;

    /// <summary>A <see cref="SeamScore.Score"/> at or above this marks the cut as a visible jump.</summary>
    [Range(0.0, 1.0)]
    public double Seam { get; init; } = DefaultSeam;

    /// <summary>True when <paramref name="score"/> counts as drifted.</summary>
    public bool IsDrifted(DriftScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return RequireCurrent(score.MethodVersion) && score.Score >= Drifted;
    }

    /// <summary>True when <paramref name="score"/> counts as flickering.</summary>
    public bool IsFlickering(FlickerScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return RequireCurrent(score.MethodVersion) && score.Score >= Flickering;
    }

    /// <summary>True when <paramref name="score"/> counts as a visible jump.</summary>
    public bool IsVisibleSeam(SeamScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return RequireCurrent(score.MethodVersion) && score.Score >= Seam;
    }

    /// <summary>Throws when a threshold is outside [0, 1].</summary>
    /// <exception cref="ConsistencyException">Names the threshold and its allowed range.</exception>
    public void Validate()
    {
        Check(nameof(Drifted), Drifted);
        Check(nameof(Flickering), Flickering);
        Check(nameof(Seam), Seam);
    }

    private static void Check(string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {name} threshold is {value}; consistency thresholds are scores between 0 and 1."));
        }
    }

    // Thresholds are calibrated for one method; a score from another is on another scale.
    private static bool RequireCurrent(int methodVersion) =>
        methodVersion == ConsistencyMethod.Version
            ? true
            : throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"This score was made by consistency method {methodVersion}, not the current {ConsistencyMethod.Version}; rescore the take before comparing it with a threshold."));
}

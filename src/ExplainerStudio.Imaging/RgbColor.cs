namespace ExplainerStudio.Imaging;

/// <summary>An 8-bit sRGB colour.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>0, 0, 0.</summary>
    public static RgbColor Black => new(0, 0, 0);

    /// <summary>255, 255, 255.</summary>
    public static RgbColor White => new(255, 255, 255);

    /// <summary>The colour as an (R, G, B) tuple, the shape the media library's pixel reads used to have.</summary>
    public static implicit operator (byte R, byte G, byte B)(RgbColor color) => (color.R, color.G, color.B);

    /// <summary>The colour as an (R, G, B) tuple.</summary>
    public (byte R, byte G, byte B) ToTuple() => (R, G, B);
}

namespace ExplainerStudio.Generation.Imaging;

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
}

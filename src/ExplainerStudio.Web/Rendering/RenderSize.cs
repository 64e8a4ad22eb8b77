namespace ExplainerStudio.Web.Rendering;

/// <summary>The size a take renders at: the project's size, scaled down to the configured longest side.</summary>
public static class RenderSize
{
    public static (int Width, int Height) For(int projectWidth, int projectHeight, int maxLongSide)
    {
        var scale = Math.Min(1.0, (double)maxLongSide / Math.Max(projectWidth, projectHeight));
        // Multiples of 8 suit both the VAE (8× downsampling) and H.264's even sides.
        return (Math.Max(8, (int)(projectWidth * scale) / 8 * 8), Math.Max(8, (int)(projectHeight * scale) / 8 * 8));
    }
}

using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// A shot to measure previz renders on: a flat pale-blue background and, optionally, one drawn character (a flat
/// figure with a head, eyes and a jacket on its own light backdrop, like the demo's references) placed left of centre
/// at 70% of the frame height; rendered at the studio's shot defaults (Euler, 20 steps, guidance 7.5, strength 0.45).
/// </summary>
internal sealed class PrevizBenchScene
{
    private static readonly RgbColor Background = new(214, 228, 240);
    private static readonly RgbColor Backdrop = new(238, 241, 245);
    private readonly LayoutImage _layout;

    public PrevizBenchScene(int width, int height, bool withCharacter = true, bool keyBackdrop = true)
    {
        Reference = Character(256);
        IReadOnlyList<LayoutPlacement> placements = withCharacter ? [new LayoutPlacement(Reference, 0.35, 0.6, 0.7)] : [];
        _layout = new LayoutImage(width, height, LayoutBackground.Solid(Background), placements, keyBackdrop: keyBackdrop);
        Layout = _layout.Render();
    }

    public RgbImage Reference { get; }

    public RgbImage Layout { get; }

    public GenerationRequest Request(string prompt) => new()
    {
        Prompt = prompt,
        Width = Layout.Width,
        Height = Layout.Height,
        Steps = 20,
        GuidanceScale = 7.5f,
        Seed = 42,
        InitImage = Layout,
        Strength = 0.45f,
        ReferenceImages = _layout.Placements.Count > 0 ? [Reference] : [],
        PreviewEvery = 0,
    };

    /// <summary>True for pixels at least a margin away from every placed reference.</summary>
    public bool IsBackground(int x, int y)
    {
        int margin = Layout.Height / 45;
        foreach (LayoutPlacement placement in _layout.Placements)
        {
            (int left, int top, int w, int h) = _layout.PlacedBounds(placement);
            if (x >= left - margin && x < left + w + margin && y >= top - margin && y < top + h + margin)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>SSIM of the character's placed region in <paramref name="image"/> against the reference resized to it.</summary>
    public double Fidelity(RgbImage image)
    {
        LayoutPlacement placement = _layout.Placements[0];
        (int left, int top, int w, int h) = _layout.PlacedBounds(placement);
        int x0 = Math.Max(0, left), y0 = Math.Max(0, top);
        int x1 = Math.Min(Layout.Width, left + w), y1 = Math.Min(Layout.Height, top + h);
        RgbImage region = ImageResampler.Resample(image, new CropWindow(x0, y0, x1 - x0, y1 - y0), x1 - x0, y1 - y0);
        RgbImage placed = ImageResampler.Resize(placement.Reference, w, h);
        RgbImage reference = ImageResampler.Resample(placed, new CropWindow(x0 - left, y0 - top, x1 - x0, y1 - y0), x1 - x0, y1 - y0);
        return RenderQuality.Ssim(region, reference);
    }

    /// <summary>
    /// The halo: mean luma of the band just outside the character's cut-out edge (pixels of the placed rectangle where
    /// the reference shows its backdrop, 7 to 14 pixels from its subject, beyond the decoder's 8-pixel blur of the
    /// subject itself) minus the mean luma of the frame just outside the rectangle (up to 12 pixels away). 0 when the
    /// edge blends into the background; positive for a light fringe.
    /// </summary>
    public double Fringe(RgbImage image)
    {
        LayoutPlacement placement = _layout.Placements[0];
        (int left, int top, int w, int h) = _layout.PlacedBounds(placement);
        RgbImage placed = ImageResampler.Resize(placement.Reference, w, h);
        var subject = new bool[w * h];
        for (int i = 0; i < subject.Length; i++)
        {
            int r = placed.Pixels[i * 3] - Backdrop.R, g = placed.Pixels[(i * 3) + 1] - Backdrop.G, b = placed.Pixels[(i * 3) + 2] - Backdrop.B;
            subject[i] = (r * r) + (g * g) + (b * b) > 30 * 30;
        }

        const int inner = 6;
        const int band = 14;
        const int around = 12;
        double bandSum = 0, aroundSum = 0;
        int bandCount = 0, aroundCount = 0;
        for (int y = Math.Max(0, top - around); y < Math.Min(image.Height, top + h + around); y++)
        {
            for (int x = Math.Max(0, left - around); x < Math.Min(image.Width, left + w + around); x++)
            {
                int px = x - left, py = y - top;
                double luma = Luma(image, x, y);
                if (px < 0 || py < 0 || px >= w || py >= h)
                {
                    aroundSum += luma;
                    aroundCount++;
                }
                else if (!subject[(py * w) + px] && NearSubject(subject, w, h, px, py, band) && !NearSubject(subject, w, h, px, py, inner))
                {
                    bandSum += luma;
                    bandCount++;
                }
            }
        }

        return (bandSum / Math.Max(1, bandCount)) - (aroundSum / Math.Max(1, aroundCount));
    }

    private static bool NearSubject(bool[] subject, int w, int h, int px, int py, int radius)
    {
        for (int y = Math.Max(0, py - radius); y <= Math.Min(h - 1, py + radius); y++)
        {
            for (int x = Math.Max(0, px - radius); x <= Math.Min(w - 1, px + radius); x++)
            {
                if (subject[(y * w) + x])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double Luma(RgbImage image, int x, int y)
    {
        int i = ((y * image.Width) + x) * 3;
        return (0.299 * image.Pixels[i]) + (0.587 * image.Pixels[i + 1]) + (0.114 * image.Pixels[i + 2]);
    }

    private static RgbImage Character(int size)
    {
        var pixels = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double u = (x + 0.5) / size, v = (y + 0.5) / size;
                RgbColor colour = Backdrop;
                if (Inside(u, v, 0.5, 0.75, 0.28, 0.3))
                {
                    colour = new RgbColor(40, 110, 90);
                }

                if (Inside(u, v, 0.5, 0.32, 0.17, 0.19))
                {
                    colour = new RgbColor(236, 188, 150);
                }

                if (Inside(u, v, 0.43, 0.3, 0.03, 0.035) || Inside(u, v, 0.57, 0.3, 0.03, 0.035))
                {
                    colour = new RgbColor(35, 35, 45);
                }

                if (v < 0.2 && Inside(u, v, 0.5, 0.25, 0.2, 0.14))
                {
                    colour = new RgbColor(200, 120, 30);
                }

                int i = ((y * size) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (colour.R, colour.G, colour.B);
            }
        }

        return new RgbImage(size, size, pixels);
    }

    private static bool Inside(double u, double v, double cx, double cy, double rx, double ry)
    {
        double dx = (u - cx) / rx, dy = (v - cy) / ry;
        return (dx * dx) + (dy * dy) <= 1;
    }
}

using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Reference sets of clearly different subjects that the consistency benchmark draws itself: flat shapes in
/// distinct colours on a light backdrop (as character art usually comes), two views each (the second shifted and a
/// little larger, as a second pose would be).
/// </summary>
public static class BenchSubjects
{
    private const int Side = 128;
    private static readonly RgbColor Backdrop = new(238, 241, 245);

    /// <summary>The drawn characters: a red disc, a blue square, a green triangle, a yellow ring on dark, an orange
    /// cross and a violet striped panel.</summary>
    public static IReadOnlyList<BenchCharacter> Characters() =>
    [
        Subject("red disc", (x, y, s) => Disc(x, y, 0.32 * s), new RgbColor(210, 50, 45), null),
        Subject("blue square", (x, y, s) => Math.Abs(x) < 0.3 * s && Math.Abs(y) < 0.3 * s, new RgbColor(40, 80, 200), null),
        Subject("green triangle", (x, y, s) => y < 0.3 * s && y > -0.35 * s && Math.Abs(x) < ((0.3 * s) - y) * 0.6, new RgbColor(40, 160, 70), null),
        Subject("yellow ring", (x, y, s) => Disc(x, y, 0.36 * s) && !Disc(x, y, 0.2 * s), new RgbColor(240, 200, 30), new RgbColor(40, 40, 60)),
        Subject("orange cross", (x, y, s) => (Math.Abs(x) < 0.1 * s && Math.Abs(y) < 0.35 * s) || (Math.Abs(y) < 0.1 * s && Math.Abs(x) < 0.35 * s), new RgbColor(245, 140, 30), null),
        Subject("violet stripes", (x, y, s) => Math.Abs(x) < 0.35 * s && Math.Abs(y) < 0.4 * s && ((int)Math.Floor((y + 1) * 10 / s) % 2 == 0), new RgbColor(130, 60, 180), null),
    ];

    private static bool Disc(double x, double y, double radius) => (x * x) + (y * y) < radius * radius;

    private static BenchCharacter Subject(string name, Func<double, double, double, bool> inside, RgbColor colour, RgbColor? backdrop) =>
        new(name, [Draw(inside, colour, backdrop ?? Backdrop, 0, 1.0), Draw(inside, colour, backdrop ?? Backdrop, 0.08, 1.15)]);

    // Coordinates run from −0.5 to 0.5 across the image; `shift` moves the subject right, `size` scales it.
    private static RgbImage Draw(Func<double, double, double, bool> inside, RgbColor colour, RgbColor backdrop, double shift, double size)
    {
        var pixels = new byte[Side * Side * 3];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                double u = ((x + 0.5) / Side) - 0.5 - shift;
                double v = ((y + 0.5) / Side) - 0.5;
                RgbColor c = inside(u, v, size) ? colour : backdrop;
                int at = ((y * Side) + x) * 3;
                pixels[at] = c.R;
                pixels[at + 1] = c.G;
                pixels[at + 2] = c.B;
            }
        }

        return new RgbImage(Side, Side, pixels);
    }
}

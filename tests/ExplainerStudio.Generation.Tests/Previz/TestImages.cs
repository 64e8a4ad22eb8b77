namespace ExplainerStudio.Generation.Tests.Previz;

/// <summary>Synthetic shot layouts and helpers for comparing images, all NCHW RGB in [-1, 1].</summary>
internal static class TestImages
{
    /// <summary>
    /// A storyboard-like layout: sky over grass, a dark standing figure on the left, a yellow sun-like disc on
    /// the right, a white title bar at the top.
    /// </summary>
    public static float[] Layout(int height, int width)
    {
        var image = new float[3 * height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / width;
                double v = (double)y / height;
                (double r, double g, double b) = v < 0.62 ? (0.55, 0.75, 0.95) : (0.35, 0.65, 0.3);
                if (u > 0.14 && u < 0.34 && v > 0.3 && v < 0.9)
                {
                    (r, g, b) = (0.25, 0.2, 0.45);
                }

                if (((u - 0.7) * (u - 0.7)) + ((v - 0.45) * (v - 0.45)) < 0.018)
                {
                    (r, g, b) = (0.95, 0.85, 0.25);
                }

                if (u > 0.45 && u < 0.92 && v > 0.07 && v < 0.15)
                {
                    (r, g, b) = (0.97, 0.97, 0.97);
                }

                Set(image, height, width, y, x, r, g, b);
            }
        }

        return image;
    }

    /// <summary>A smooth image (slow colour ramps) that survives 8×8 pooling almost unchanged.</summary>
    public static float[] SmoothRamps(int height, int width)
    {
        var image = new float[3 * height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / (width - 1);
                double v = (double)y / (height - 1);
                Set(image, height, width, y, x, 0.2 + (0.6 * u), 0.3 + (0.4 * v), 0.8 - (0.5 * u * v));
            }
        }

        return image;
    }

    /// <summary>One colour everywhere; r, g, b in [0, 1].</summary>
    public static float[] Solid(int height, int width, double r, double g, double b)
    {
        var image = new float[3 * height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                Set(image, height, width, y, x, r, g, b);
            }
        }

        return image;
    }

    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }

        return cov / Math.Sqrt(varA * varB);
    }

    public static double ChannelMean(float[] image, int channel)
    {
        int plane = image.Length / 3;
        return image.AsSpan(channel * plane, plane).ToArray().Average();
    }

    public static double RootMeanSquareDifference(float[] a, float[] b) =>
        Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Average());

    /// <summary>Writes a binary PPM, for looking at what a test produced.</summary>
    public static void SavePpm(string path, float[] image, int height, int width)
    {
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P6 {width} {height} 255\n"));
        int plane = height * width;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                file.WriteByte((byte)Math.Clamp((int)Math.Round(((image[(c * plane) + i] + 1) / 2) * 255), 0, 255));
            }
        }
    }

    private static void Set(float[] image, int height, int width, int y, int x, double r, double g, double b)
    {
        int plane = height * width;
        int at = (y * width) + x;
        image[at] = (float)((2 * r) - 1);
        image[plane + at] = (float)((2 * g) - 1);
        image[(2 * plane) + at] = (float)((2 * b) - 1);
    }
}

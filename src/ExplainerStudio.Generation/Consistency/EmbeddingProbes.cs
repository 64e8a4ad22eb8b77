using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// A fixed set of plain synthetic images (solid colours across the gamut, gradients, a checkerboard) whose mean
/// embedding is subtracted before cosine distances are taken. Image encoders put every image in a narrow cone (a
/// constant component, a common direction), so raw cosine distances between unrelated pictures are small and differ
/// from encoder to encoder; centred on this mean, unrelated pictures land near distance 1 and the same picture at 0.
/// </summary>
internal static class EmbeddingProbes
{
    private const int Side = 64;

    public static float[] Centre(IImageEmbedder embedder)
    {
        float[]? sum = null;
        int count = 0;
        foreach (float[] embedding in embedder.EmbedAll(Images().ToList()))
        {
            sum ??= new float[embedding.Length];
            if (embedding.Length != sum.Length)
            {
                throw new ConsistencyException("The image encoder returned embeddings of different lengths; it must return a fixed-length embedding.");
            }

            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += embedding[i];
            }

            count++;
        }

        for (int i = 0; i < sum!.Length; i++)
        {
            sum[i] /= count;
        }

        return sum;
    }

    public static IEnumerable<RgbImage> Images()
    {
        byte[] levels = [0, 128, 255];
        foreach (byte r in levels)
        {
            foreach (byte g in levels)
            {
                foreach (byte b in levels)
                {
                    yield return RgbImage.Solid(Side, Side, new RgbColor(r, g, b));
                }
            }
        }

        yield return Pattern((x, y) => ((byte)(x * 4), (byte)(y * 4), 128));
        yield return Pattern((x, y) => ((byte)(255 - (y * 4)), 128, (byte)(x * 4)));
        yield return Pattern((x, y) => ((x / 8) + (y / 8)) % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));
    }

    private static RgbImage Pattern(Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var pixels = new byte[Side * Side * 3];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                (byte r, byte g, byte b) = colour(x, y);
                int at = ((y * Side) + x) * 3;
                pixels[at] = r;
                pixels[at + 1] = g;
                pixels[at + 2] = b;
            }
        }

        return new RgbImage(Side, Side, pixels);
    }
}

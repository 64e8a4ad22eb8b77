namespace ExplainerStudio.Generation.Imaging;

/// <summary>Per output index along one axis of a resample: the first source index, the tap count and normalised
/// triangle weights (<see cref="ImageResampler"/>).</summary>
internal sealed class ResamplingAxis
{
    public ResamplingAxis(int sourceSize, double start, double length, int outputSize)
    {
        double scale = length / outputSize;
        double support = Math.Max(scale, 1.0);
        Stride = (int)Math.Ceiling(support * 2) + 2;
        First = new int[outputSize];
        Count = new int[outputSize];
        Weights = new float[outputSize * Stride];
        FirstSourceIndex = int.MaxValue;
        LastSourceIndex = int.MinValue;
        var raw = new double[Stride];
        for (int i = 0; i < outputSize; i++)
        {
            double center = start + ((i + 0.5) * scale);
            int low = Math.Max(0, (int)Math.Floor(center - support));
            int high = Math.Min(sourceSize, (int)Math.Ceiling(center + support));
            double sum = 0;
            int taps = 0;
            int first = low;
            for (int j = low; j < high; j++)
            {
                double w = 1 - (Math.Abs(j + 0.5 - center) / support);
                if (w <= 0)
                {
                    if (taps == 0)
                    {
                        first = j + 1;
                    }
                    continue;
                }
                raw[j - first] = w;
                taps = j - first + 1;
                sum += w;
            }
            if (sum <= 0)
            {
                // The window lies outside the image here: repeat the nearest edge pixel.
                first = Math.Clamp((int)Math.Floor(center), 0, sourceSize - 1);
                taps = 1;
                raw[0] = 1;
                sum = 1;
            }
            First[i] = first;
            Count[i] = taps;
            for (int k = 0; k < taps; k++)
            {
                Weights[(i * Stride) + k] = (float)(raw[k] / sum);
            }
            FirstSourceIndex = Math.Min(FirstSourceIndex, first);
            LastSourceIndex = Math.Max(LastSourceIndex, first + taps - 1);
        }
    }

    public int Stride { get; }

    public int[] First { get; }

    public int[] Count { get; }

    public float[] Weights { get; }

    public int FirstSourceIndex { get; }

    public int LastSourceIndex { get; }
}

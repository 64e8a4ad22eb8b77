namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>Summary statistics the architecture tests assert activation scales with.</summary>
internal static class TensorStats
{
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    public static double StandardDeviation(ReadOnlySpan<float> values)
    {
        double sum = 0;
        double squares = 0;
        foreach (float value in values)
        {
            sum += value;
            squares += (double)value * value;
        }

        double mean = sum / values.Length;
        return Math.Sqrt(Math.Max(0, (squares / values.Length) - (mean * mean)));
    }

    public static double StandardDeviation(ReadOnlySpan<byte> values)
    {
        var floats = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            floats[i] = values[i];
        }

        return StandardDeviation(floats);
    }

    /// <summary>Deterministic zero-mean, unit-variance values (sum of uniforms) for test inputs.</summary>
    public static float[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2.0) * Math.Sqrt(3.0));
        }

        return values;
    }
}

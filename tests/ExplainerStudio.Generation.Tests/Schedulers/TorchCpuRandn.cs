namespace ExplainerStudio.Generation.Tests.Schedulers;

/// <summary>
/// <c>torch.randn</c> on the CPU after <c>torch.manual_seed(seed)</c>, for float32 tensors of at least 16 elements:
/// MT19937 words, 24-bit uniform floats, then Box-Muller over blocks of 16 (the first eight values pair with the
/// next eight). Written from the algorithm's description to replay diffusers' noisy test loops.
/// </summary>
internal sealed class TorchCpuRandn
{
    private readonly uint[] _state = new uint[624];
    private int _index;

    public TorchCpuRandn(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < 624; i++)
        {
            _state[i] = unchecked((1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i);
        }

        _index = 624;
    }

    /// <summary>The next tensor of <paramref name="count"/> standard normal samples (a multiple of 16).</summary>
    public float[] Next(int count)
    {
        if (count % 16 != 0)
        {
            throw new ArgumentException("Only sizes that are a multiple of 16 are reproduced.", nameof(count));
        }

        var data = new float[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = (NextWord() & 0xFFFFFF) * (1f / (1 << 24));
        }

        for (int i = 0; i < count; i += 16)
        {
            for (int j = 0; j < 8; j++)
            {
                float u1 = 1f - data[i + j];
                float u2 = data[i + j + 8];
                float radius = MathF.Sqrt(-2f * MathF.Log(u1));
                float theta = (float)(2.0 * Math.PI) * u2;
                data[i + j] = radius * MathF.Cos(theta);
                data[i + j + 8] = radius * MathF.Sin(theta);
            }
        }

        return data;
    }

    private uint NextWord()
    {
        if (_index >= 624)
        {
            for (int k = 0; k < 624; k++)
            {
                uint y = (_state[k] & 0x80000000u) | (_state[(k + 1) % 624] & 0x7FFFFFFFu);
                _state[k] = _state[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908B0DFu : 0u);
            }

            _index = 0;
        }

        uint x = _state[_index++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9D2C5680u;
        x ^= (x << 15) & 0xEFC60000u;
        x ^= x >> 18;
        return x;
    }
}

namespace ExplainerStudio.Generation.Randomness;

/// <summary>
/// A seeded, seekable stream of standard normal samples, identical bit for bit on every machine and runtime.
/// </summary>
/// <remarks>
/// <para>
/// Sample <c>i</c> of stream <c>s</c> under seed <c>k</c> is a pure function of <c>(k, s, i)</c>: Philox4x32-10
/// with key <c>k</c> (low word first) encrypts the counter <c>(i / 4 low, i / 4 high, s low, s high)</c> into four
/// words <c>w0..w3</c>; each pair <c>(a, b)</c> = <c>(w0, w1)</c>, <c>(w2, w3)</c> becomes two samples by the
/// Box–Muller transform with <c>u = (a + 0.5)·2⁻³²</c> (never 0 or 1) and <c>t = b·2⁻³²</c>:
/// <c>r = √(−2 ln u)</c>, samples <c>r·cos 2πt</c> then <c>r·sin 2πt</c>, computed in double and rounded to
/// float. The logarithm and sine/cosine are the library's own (IEEE basic operations only), so no platform
/// math library can change a bit.
/// </para>
/// <para>
/// Because samples are addressed by index, filling a span in chunks gives exactly the samples of filling it at
/// once, and <see cref="Position"/> can be set to replay or skip. Use separate stream numbers
/// for independent uses of one seed (initial latents, per-step scheduler noise, per-frame noise).
/// The numbers are not those of PyTorch's or NumPy's generators: a seed here does not reproduce a diffusers
/// image bit for bit, only this studio's.
/// </para>
/// <para>An instance is not thread-safe (it has a position); create one per consumer.</para>
/// </remarks>
public sealed class GaussianNoise
{
    private const double TwoToMinus32 = 1.0 / 4294967296.0;

    // The block the last call generated: Next() walks four samples per Philox evaluation instead of one.
    private readonly float[] _block = new float[4];
    private readonly float[]? _replay;
    private long _blockIndex = -1;
    private long _position;

    /// <summary>Creates the stream <paramref name="stream"/> of seed <paramref name="seed"/>, positioned at sample 0.</summary>
    public GaussianNoise(ulong seed, ulong stream = 0)
    {
        Seed = seed;
        Stream = stream;
    }

    /// <summary>
    /// A stream that returns <paramref name="samples"/> in order instead of Philox numbers, for tests that reproduce
    /// another implementation's noise (diffusers' loops draw from PyTorch's generator).
    /// </summary>
    internal GaussianNoise(float[] samples)
    {
        _replay = samples;
    }

    /// <summary>The seed (Philox key).</summary>
    public ulong Seed { get; }

    /// <summary>The stream number (upper half of the Philox counter).</summary>
    public ulong Stream { get; }

    /// <summary>Index of the next sample <see cref="Next"/> or <see cref="Fill(Span{float})"/> returns.</summary>
    public long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>Sample <paramref name="index"/> of a stream, without creating a generator.</summary>
    public static float Sample(ulong seed, ulong stream, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Span<float> block = stackalloc float[4];
        GenerateBlock(seed, stream, (ulong)index >> 2, block);
        return block[(int)(index & 3)];
    }

    /// <summary>Returns the next sample and advances <see cref="Position"/> by one.</summary>
    public float Next()
    {
        if (_replay is not null)
        {
            return _replay[_position++];
        }

        float value = CurrentBlock()[(int)(_position & 3)];
        _position++;
        return value;
    }

    /// <summary>Fills <paramref name="destination"/> with the next samples and advances <see cref="Position"/>.</summary>
    public void Fill(Span<float> destination)
    {
        if (_replay is not null)
        {
            _replay.AsSpan(checked((int)_position), destination.Length).CopyTo(destination);
            _position += destination.Length;
            return;
        }

        int written = 0;
        while (written < destination.Length)
        {
            int lane = (int)(_position & 3);
            int take = Math.Min(4 - lane, destination.Length - written);
            CurrentBlock().AsSpan(lane, take).CopyTo(destination.Slice(written, take));
            written += take;
            _position += take;
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the next samples times <paramref name="scale"/> (for example
    /// initial latents times the scheduler's initial noise sigma) and advances <see cref="Position"/>.
    /// </summary>
    public void Fill(Span<float> destination, float scale)
    {
        Fill(destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] *= scale;
        }
    }

    private float[] CurrentBlock()
    {
        long blockIndex = _position >> 2;
        if (blockIndex != _blockIndex)
        {
            GenerateBlock(Seed, Stream, (ulong)blockIndex, _block);
            _blockIndex = blockIndex;
        }
        return _block;
    }

    private static void GenerateBlock(ulong seed, ulong stream, ulong block, Span<float> output)
    {
        Span<uint> words = stackalloc uint[4];
        Philox4x32.Block(
            (uint)block, (uint)(block >> 32), (uint)stream, (uint)(stream >> 32),
            (uint)seed, (uint)(seed >> 32),
            words);
        BoxMuller(words[0], words[1], out output[0], out output[1]);
        BoxMuller(words[2], words[3], out output[2], out output[3]);
    }

    private static void BoxMuller(uint radiusWord, uint angleWord, out float first, out float second)
    {
        double u = (radiusWord + 0.5) * TwoToMinus32;
        double radius = Math.Sqrt(-2.0 * PortableMath.Log(u));
        PortableMath.SinCosTurns(angleWord * TwoToMinus32, out double sin, out double cos);
        first = (float)(radius * cos);
        second = (float)(radius * sin);
    }
}

using ExplainerStudio.Generation.Pipelines;

namespace ExplainerStudio.Generation.Tests.Pipelines;

public sealed class RefinementBlendTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.125)]
    [InlineData(0.5)]
    [InlineData(0.77)]
    [InlineData(1.0)]
    public void Blend_EqualsThePerByteFormulaIncludingClampsAndTheTail(double weight)
    {
        // 3 × 37 × 11 bytes is not a multiple of any vector width, so the scalar tail runs too.
        var random = new Random(3);
        var pixels = new byte[3 * 37 * 11];
        random.NextBytes(pixels);
        var moved = new RgbImage(37, 11, pixels);
        short[] from = Enumerable.Range(0, pixels.Length).Select(_ => (short)random.Next(-255, 256)).ToArray();
        short[] to = Enumerable.Range(0, pixels.Length).Select(_ => (short)random.Next(-255, 256)).ToArray();

        RgbImage blended = RefinementBlend.Blend(moved, from, to, weight);

        int w = (int)Math.Round(weight * 256, MidpointRounding.AwayFromZero);
        for (int i = 0; i < pixels.Length; i++)
        {
            int delta = (int)Math.Floor((((256 - w) * from[i]) + (w * to[i]) + 128) / 256.0);
            Assert.Equal(Math.Clamp(pixels[i] + delta, 0, 255), blended.Pixels[i]);
        }
    }

    [Fact]
    public void Change_IsTheSignedDifferenceAndBlendingItBackRestoresTheAnchor()
    {
        var random = new Random(4);
        var before = new byte[3 * 40 * 9];
        var after = new byte[before.Length];
        random.NextBytes(before);
        random.NextBytes(after);
        var moved = new RgbImage(40, 9, before);

        short[] change = RefinementBlend.Change(moved, new RgbImage(40, 9, after));

        Assert.Equal(after, RefinementBlend.Blend(moved, new short[before.Length], change, 1.0).Pixels);
        Assert.Equal(before, RefinementBlend.Blend(moved, change, change, 0.0).Pixels.Select((b, i) => (byte)(b - change[i])).ToArray());
    }
}

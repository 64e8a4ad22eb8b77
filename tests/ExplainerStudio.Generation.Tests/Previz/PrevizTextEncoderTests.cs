using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizTextEncoderTests(PrevizPackFixture pack)
{
    private const int Width = 64;

    [Fact]
    public void Output_IsTokenRowPlusPositionRow()
    {
        string[] prompts = ["a red circle on a blue screen", string.Empty];
        float[] table = PrevizTextEncoder.TokenTable(PrevizTokenizer.Instance);
        float[] positions = PrevizTextEncoder.PositionTable();

        float[] hidden = pack.EncodeText(prompts);

        for (int b = 0; b < prompts.Length; b++)
        {
            int[] ids = pack.Tokenizer.Encode(prompts[b]);
            for (int p = 0; p < 77; p++)
            {
                for (int d = 0; d < Width; d++)
                {
                    float expected = table[(ids[p] * Width) + d] + positions[(p * Width) + d];
                    Assert.Equal(expected, hidden[(((b * 77) + p) * Width) + d]);
                }
            }
        }
    }

    [Fact]
    public void ColourWords_CarryTheirColourInTheFirstFourDims()
    {
        float[] table = PrevizTextEncoder.TokenTable(PrevizTokenizer.Instance);
        int red = PrevizTokenizer.Instance.WordId("red");
        int man = PrevizTokenizer.Instance.WordId("man");

        double[] expected = PrevizColorSpace.ToScaledLatent((2 * 217 / 255.0) - 1, (2 * 38 / 255.0) - 1, (2 * 38 / 255.0) - 1);
        for (int d = 0; d < 4; d++)
        {
            Assert.Equal(expected[d], table[(red * Width) + d], 1e-6);
            Assert.Equal(0f, table[(man * Width) + d]);
        }

        Assert.True(expected[2] > 1, "red should have a strong R−Y chroma");
    }

    [Fact]
    public void SpecialTokens_HaveZeroRows()
    {
        float[] table = PrevizTextEncoder.TokenTable(PrevizTokenizer.Instance);

        Assert.All(table.AsSpan(pack.Tokenizer.BosId * Width, 2 * Width).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void OrdinaryWordRows_AreUnitLengthPseudoRandomVectors()
    {
        float[] table = PrevizTextEncoder.TokenTable(PrevizTokenizer.Instance);
        int first = PrevizTokenizer.Instance.WordId("man");
        int second = PrevizTokenizer.Instance.WordId("woman");

        double Norm(int id) => Math.Sqrt(table.AsSpan(id * Width, Width).ToArray().Sum(v => (double)v * v));
        double dot = 0;
        for (int d = 0; d < Width; d++)
        {
            dot += table[(first * Width) + d] * table[(second * Width) + d];
        }

        Assert.InRange(Norm(first), 0.6, 1.4);
        Assert.InRange(Norm(second), 0.6, 1.4);
        Assert.InRange(dot / (Norm(first) * Norm(second)), -0.5, 0.5);
    }
}

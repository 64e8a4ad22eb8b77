using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class GuidanceEmbeddingTests
{
    [Fact]
    public void Create_MatchesTheLcmReferenceForGuidanceEight()
    {
        float[] embedding = GuidanceEmbedding.Create(w: 7, dimension: 256);

        Assert.Equal(256, embedding.Length);
        Assert.Equal(0.50689, embedding[0], 1e-5);
        Assert.Equal(0.86201, embedding[128], 1e-5);
        // The lowest frequency is 1/10000, so the last sine sees 7000/10000 = 0.7 rad.
        Assert.Equal(Math.Sin(0.7), embedding[127], 1e-6);
        Assert.Equal(Math.Cos(0.7), embedding[255], 1e-6);
    }

    [Fact]
    public void Create_ZeroWeightIsAllSinesZeroAllCosinesOne()
    {
        float[] embedding = GuidanceEmbedding.Create(0, 8);

        Assert.Equal([0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f], embedding);
    }

    [Fact]
    public void Fill_OddDimensionIsZeroPadded()
    {
        var embedding = new float[9];
        embedding[8] = 42f;

        GuidanceEmbedding.Fill(1.5, embedding);

        Assert.Equal(0f, embedding[8]);
        Assert.Equal(Math.Sin(1500), embedding[0], 1e-6);
        Assert.Equal(Math.Cos(1500), embedding[4], 1e-6);
    }

    [Fact]
    public void Fill_RejectsTooShortDestinations()
    {
        Assert.Throws<ArgumentException>(() => GuidanceEmbedding.Fill(1, new float[3]));
    }
}

using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Packs.Architectures;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

public sealed class SdArchitectureConfigTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("TINY-LCM")]
    [InlineData("tiny-fp16")]
    [InlineData("sd15")]
    public void Named_FindsEveryConfiguration(string name)
    {
        Assert.Equal(name.ToLowerInvariant(), SdArchitectureConfig.Named(name).Name);
    }

    [Fact]
    public void Named_RejectsAnUnknownName_ListingTheKnownOnes()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SdArchitectureConfig.Named("huge"));

        Assert.Contains("'huge'", error.Message);
        Assert.Contains("tiny-lcm", error.Message);
    }

    [Fact]
    public void Write_RejectsUnsupportedConventions_AndWritesNothing()
    {
        using var folder = new TempDirectory();
        string pack = folder.File("bad");

        Assert.Throws<ArgumentException>(() => SdArchitecturePackWriter.Write(SdArchitectureConfig.Tiny with { TimestepType = OnnxElementType.Int32 }, pack));
        Assert.Throws<ArgumentException>(() => SdArchitecturePackWriter.Write(SdArchitectureConfig.Tiny with { InputIdsType = OnnxElementType.Float }, pack));
        Assert.Throws<ArgumentException>(() => SdArchitecturePackWriter.Write(SdArchitectureConfig.TinyFp16 with { ExternalWeights = true }, pack));

        Assert.False(Directory.Exists(pack));
    }
}

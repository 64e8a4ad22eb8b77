using ExplainerStudio.Generation.Consistency;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class ConsistencyThresholdsTests
{
    [Fact]
    public void Defaults_AreValidScores()
    {
        var thresholds = new ConsistencyThresholds();

        thresholds.Validate();
        Assert.Equal(ConsistencyThresholds.DefaultDrifted, thresholds.Drifted);
        Assert.Equal("Consistency", ConsistencyThresholds.SectionName);
    }

    [Theory]
    [InlineData(-0.1, 0.2, 0.5, "Drifted")]
    [InlineData(0.5, 1.5, 0.5, "Flickering")]
    [InlineData(0.5, 0.2, double.NaN, "Seam")]
    public void OutOfRangeThreshold_IsRefusedByName(double drifted, double flickering, double seam, string name)
    {
        var thresholds = new ConsistencyThresholds { Drifted = drifted, Flickering = flickering, Seam = seam };

        ConsistencyException error = Assert.Throws<ConsistencyException>(thresholds.Validate);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}

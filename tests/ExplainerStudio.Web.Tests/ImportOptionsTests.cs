using ExplainerStudio.Web.Storyboards.Import;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests;

public sealed class ImportOptionsTests
{
    [Theory]
    [InlineData("Import:MaxNewCharacters", "0")]
    [InlineData("Import:TargetShotSeconds", "0.5")]
    [InlineData("Import:NarratorVoice", "en us")]
    public async Task BadImportSettings_StopTheStudioFromStarting(string key, string value)
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error);
        Assert.Contains(key.Split(':')[1], validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportSettings_ReachThePreview()
    {
        await using var factory = new StudioFactory(new Dictionary<string, string?> { ["Import:TargetShotSeconds"] = "3", ["Import:NarratorName"] = "Voice" });
        var board = await Storyboard.CreateAsync(factory, 1);
        var paragraph = string.Join(" ", Enumerable.Range(1, 6).Select(i => $"Sentence {i} says one more thing about noise."));

        var plan = await factory.Get<ScriptImporter>().PreviewAsync(board.ProjectId, board.Owner.Id, "# Scene\n\n" + paragraph);

        Assert.Equal(6, plan.ShotCount);
        Assert.Equal(["Voice"], plan.NewCharacters);
        Assert.Equal(3, plan.Settings.TargetShotSeconds);
    }
}

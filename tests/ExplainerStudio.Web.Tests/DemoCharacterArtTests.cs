using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests;

/// <summary>The demo characters as the studio stores them: drawn with SkiaSharp, recognisable, smooth-edged and repeatable.</summary>
[Collection(StudioCollection.Name)]
public sealed class DemoCharacterArtTests(StudioFixture studio)
{
    private static readonly RgbColor Backdrop = new(238, 241, 245);
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task DemoCharacters_HaveTheirColoursWhereTheyAreDrawn_WithAntialiasedEdges()
    {
        var images = await DemoReferencesAsync();
        var adaFront = images["ada-front.png"];
        var pixelFront = images["pixel-front.png"];

        Assert.Equal((384, 384), (adaFront.Width, adaFront.Height));
        Assert.Equal(Backdrop, adaFront.GetPixel(4, 4));
        Assert.Equal(new RgbColor(110, 60, 170), adaFront.GetPixel(192, 360));
        Assert.Equal(new RgbColor(236, 188, 150), adaFront.GetPixel(192, 150));
        Assert.Equal(new RgbColor(40, 220, 235), pixelFront.GetPixel(165, 135));
        Assert.Equal(new RgbColor(255, 170, 40), pixelFront.GetPixel(192, 270));

        // Across the edge of Ada's hair the colours step through in-between values instead of jumping.
        var row = Enumerable.Range(100, 30).Select(x => adaFront.GetPixel(x, 120)).ToList();
        Assert.Contains(row, c => c != Backdrop && c != new RgbColor(70, 40, 30));
    }

    [Fact]
    public async Task DemoCharacters_AreTheSamePixelsAndHashesEveryTime()
    {
        var first = await DemoReferencesAsync();
        var second = await DemoReferencesAsync();

        Assert.Equal(["ada-front.png", "ada-waving.png", "pixel-front.png", "pixel-tilt.png"], first.Keys.Order(StringComparer.Ordinal));
        Assert.All(first, pair => Assert.Equal(pair.Value, second[pair.Key]));
        Assert.NotEqual(first["ada-front.png"], first["ada-waving.png"]);
        Assert.NotEqual(first["pixel-front.png"], first["pixel-tilt.png"]);
    }

    /// <summary>Seeds a demo project for a new account and decodes every stored reference, by display name.</summary>
    private async Task<Dictionary<string, RgbImage>> DemoReferencesAsync()
    {
        var user = await Factory.CreateUserAsync();
        var projectId = await Factory.Get<DemoProjectSeeder>().CreateAsync(user.Id);
        var board = await Factory.Get<StoryboardService>().GetStoryboardAsync(projectId, user.Id);
        var characters = Factory.Get<CharacterService>();
        var decoder = Factory.Get<ImageDecoder>();
        var images = new Dictionary<string, RgbImage>(StringComparer.Ordinal);
        foreach (var character in board.Characters)
        {
            var detail = await characters.GetAsync(character.Id, user.Id);
            foreach (var image in detail.Sets.SelectMany(s => s.Images))
            {
                var (png, _) = await characters.GetImageAsync(image.Id, thumbnail: false, user.Id);
                images[image.DisplayName] = decoder.Decode(png, image.DisplayName);
            }
        }
        return images;
    }
}

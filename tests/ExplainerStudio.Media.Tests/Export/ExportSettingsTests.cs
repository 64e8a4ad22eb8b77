using ExplainerStudio.Media.Export;

namespace ExplainerStudio.Media.Tests.Export;

public sealed class ExportSettingsTests
{
    [Theory]
    [InlineData(ExportResolution.Hd1080, ExportAspect.Landscape16x9, 1920, 1080)]
    [InlineData(ExportResolution.Hd1080, ExportAspect.Portrait9x16, 1080, 1920)]
    [InlineData(ExportResolution.Hd1080, ExportAspect.Square1x1, 1080, 1080)]
    [InlineData(ExportResolution.Hd720, ExportAspect.Landscape16x9, 1280, 720)]
    [InlineData(ExportResolution.Hd720, ExportAspect.Portrait9x16, 720, 1280)]
    [InlineData(ExportResolution.Hd720, ExportAspect.Square1x1, 720, 720)]
    [InlineData(ExportResolution.Preview360, ExportAspect.Landscape16x9, 640, 360)]
    public void Presets_HaveTheirFrameSize(ExportResolution resolution, ExportAspect aspect, int width, int height)
    {
        var settings = new ExportSettings(resolution, aspect);

        Assert.Equal((width, height), (settings.Width, settings.Height));
    }
}

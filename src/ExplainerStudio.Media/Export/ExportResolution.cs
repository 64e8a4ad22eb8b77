namespace ExplainerStudio.Media.Export;

/// <summary>The export's size preset, named by its short side.</summary>
public enum ExportResolution
{
    /// <summary>720 pixels on the short side (1280x720 in 16:9).</summary>
    Hd720,

    /// <summary>1080 pixels on the short side (1920x1080 in 16:9).</summary>
    Hd1080,
}

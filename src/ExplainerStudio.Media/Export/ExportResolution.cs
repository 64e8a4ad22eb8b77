namespace ExplainerStudio.Media.Export;

/// <summary>The export's size preset, named by its short side.</summary>
public enum ExportResolution
{
    /// <summary>720 pixels on the short side (1280x720 in 16:9).</summary>
    Hd720,

    /// <summary>1080 pixels on the short side (1920x1080 in 16:9).</summary>
    Hd1080,

    /// <summary>360 pixels on the short side (640x360 in 16:9): a fast preview of the cut for the browser.</summary>
    Preview360,
}

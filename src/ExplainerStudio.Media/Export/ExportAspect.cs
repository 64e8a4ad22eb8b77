namespace ExplainerStudio.Media.Export;

/// <summary>The export's aspect ratio.</summary>
public enum ExportAspect
{
    /// <summary>16:9, landscape.</summary>
    Landscape16x9,

    /// <summary>9:16, portrait (phones).</summary>
    Portrait9x16,

    /// <summary>1:1, square.</summary>
    Square1x1,
}

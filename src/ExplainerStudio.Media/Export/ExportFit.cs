namespace ExplainerStudio.Media.Export;

/// <summary>How a shot whose shape differs from the export's is fitted into the frame.</summary>
public enum ExportFit
{
    /// <summary>The whole picture is shown, with black bars.</summary>
    Pad,

    /// <summary>The frame is filled and the overflowing edges are cut off.</summary>
    Crop,
}

namespace ExplainerStudio.Media.Export;

/// <summary>How subtitles travel with the exported video (SRT and WebVTT sidecars are written in every mode).</summary>
public enum SubtitleMode
{
    /// <summary>No subtitles inside the video.</summary>
    None,

    /// <summary>Drawn into the picture.</summary>
    BurnedIn,

    /// <summary>A soft <c>mov_text</c> track that players can switch on and off.</summary>
    SoftTrack,
}

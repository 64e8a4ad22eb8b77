using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>The words a user reads for the studio's enum values; the code's names ("Hd720", "SoftTrack") never show.</summary>
public static class Words
{
    public static string Of(ExportResolution resolution) => resolution switch
    {
        ExportResolution.Hd720 => "720p",
        ExportResolution.Hd1080 => "1080p",
        ExportResolution.Preview360 => "360p preview",
        _ => resolution.ToString(),
    };

    public static string Of(ExportAspect aspect) => aspect switch
    {
        ExportAspect.Landscape16x9 => "16:9 landscape",
        ExportAspect.Portrait9x16 => "9:16 portrait",
        ExportAspect.Square1x1 => "1:1 square",
        _ => aspect.ToString(),
    };

    public static string Of(ExportFit fit) => fit switch
    {
        ExportFit.Pad => "Fit inside (black bars)",
        ExportFit.Crop => "Fill the frame (crop edges)",
        _ => fit.ToString(),
    };

    public static string Of(SubtitleMode mode) => mode switch
    {
        SubtitleMode.None => "No subtitles",
        SubtitleMode.BurnedIn => "Burned into the picture",
        SubtitleMode.SoftTrack => "Soft subtitle track",
        _ => mode.ToString(),
    };

    public static string Of(TransitionKind kind) => kind switch
    {
        TransitionKind.Cut => "Cut",
        TransitionKind.Crossfade => "Crossfade",
        TransitionKind.FadeThroughBlack => "Fade through black",
        _ => kind.ToString(),
    };

    public static string Of(ExportStatus status) => status switch
    {
        ExportStatus.Queued => "Queued",
        ExportStatus.Running => "Exporting",
        ExportStatus.Succeeded => "Ready",
        ExportStatus.Failed => "Failed",
        ExportStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Of(ProjectRole role) => role switch
    {
        ProjectRole.Viewer => "Viewer",
        ProjectRole.Reviewer => "Reviewer",
        ProjectRole.Editor => "Editor",
        ProjectRole.Owner => "Owner",
        _ => role.ToString(),
    };

    public static string Of(RenderPriority priority) => priority.ToString();

    public static string Of(ShotStatus status) => status switch
    {
        ShotStatus.Draft => "not rendered",
        ShotStatus.Queued => "queued",
        ShotStatus.Rendering => "rendering",
        ShotStatus.Rendered => "rendered",
        ShotStatus.Failed => "failed",
        ShotStatus.Approved => "rendered",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A dialogue line's audio source as the timeline reports it: "Scratch", "Recorded" or "VoiceOver".</summary>
    public static string OfAudioSource(string source) => source == "VoiceOver" ? "Voice-over" : source;

    public static string Of(CameraMove move) => move switch
    {
        CameraMove.Static => "static",
        CameraMove.PanLeft => "pan ←",
        CameraMove.PanRight => "pan →",
        CameraMove.TiltUp => "tilt ↑",
        CameraMove.TiltDown => "tilt ↓",
        CameraMove.ZoomIn => "zoom in",
        CameraMove.ZoomOut => "zoom out",
        CameraMove.DollyIn => "dolly in",
        CameraMove.DollyOut => "dolly out",
        _ => move.ToString(),
    };
}

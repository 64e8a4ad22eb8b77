using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Rendering;

/// <summary>The render queue and its workers, bound from the <c>Rendering</c> section.</summary>
public sealed class RenderingOptions
{
    public const string SectionName = "Rendering";

    /// <summary>
    /// False makes this process queue jobs and serve takes without rendering them, for a studio whose renders run in
    /// another process sharing the database.
    /// </summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>Workers taking jobs at once; one per GPU (a second on one device only makes both slower).</summary>
    [Range(1, 16)]
    public int Workers { get; set; } = 1;

    /// <summary>
    /// The longest side a take is rendered at. Projects larger than this render scaled down (aspect kept, sides
    /// rounded down to a multiple of 8), because a real pack on a CPU needs seconds per frame at 1280×720; the previz
    /// pack renders a 1280×720 frame in tens of milliseconds, so the default keeps the project's own size.
    /// </summary>
    [Range(64, 4096)]
    public int MaxLongSide { get; set; } = 1280;

    /// <summary>How far each frame along the camera move may be re-imagined from the moved keyframe (0 to 1).</summary>
    [Range(0.0, 1.0)]
    public double RefineStrength { get; set; } = 0.3;

    /// <summary>
    /// Every this many clip frames (and the last) are refined by the pack; the frames between follow the camera move
    /// with the refinement's change blended in. 1 refines every frame (slowest).
    /// </summary>
    [Range(1, 1000)]
    public int RefineEveryFrames { get; set; } = 8;

    /// <summary>A keyframe preview every this many denoising steps.</summary>
    [Range(1, 1000)]
    public int PreviewEverySteps { get; set; } = 4;

    /// <summary>A frame preview every this many clip frames.</summary>
    [Range(1, 10000)]
    public int PreviewEveryFrames { get; set; } = 12;

    /// <summary>How often an idle worker looks for jobs queued by another process (in-process queuing wakes it at once).</summary>
    [Range(50, 60000)]
    public int PollIntervalMilliseconds { get; set; } = 2000;

    /// <summary>How often a running job's progress is written to the database (live events are not throttled by this).</summary>
    [Range(50, 60000)]
    public int ProgressSaveIntervalMilliseconds { get; set; } = 500;

    /// <summary>
    /// The x264 preset of take clips. A take clip is an intermediate: the export decodes it and encodes the final video
    /// itself, so a faster preset costs disk space (about 3× larger clips at the same CRF) but not final quality, and
    /// halves the encoder's CPU time, which on a CPU-only machine competes with the renders (see the Web README).
    /// </summary>
    [Required]
    public string EncoderPreset { get; set; } = "ultrafast";
}

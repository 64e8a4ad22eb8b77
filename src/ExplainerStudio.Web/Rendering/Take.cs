namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// One generation of one shot: keyframe and clip files (under data/takes, named by content hash) and the full recipe.
/// </summary>
public sealed class Take
{
    public int Id { get; set; }

    /// <summary>The job that made it; unique, so a job re-run after a crash cannot add a second take.</summary>
    public int JobId { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }

    /// <summary>Paths relative to the data directory.</summary>
    public string KeyframePath { get; set; } = "";
    public string KeyframeSha256 { get; set; } = "";
    public string ClipPath { get; set; } = "";
    public string ClipSha256 { get; set; } = "";
    public long ClipBytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int FrameRate { get; set; }
    public int FrameCount { get; set; }

    public string PackId { get; set; } = "";
    public string PackHash { get; set; } = "";
    public long Seed { get; set; }
    public string Scheduler { get; set; } = "";
    public int Steps { get; set; }
    public int StepsRun { get; set; }
    public double Guidance { get; set; }
    public double Strength { get; set; }
    public string ExecutionProvider { get; set; } = "";
    public string AppVersion { get; set; } = "";

    /// <summary>Per character: the reference set (id, number) and the hashes of its images, as JSON (<see cref="TakeReference"/>).</summary>
    public string ReferencesJson { get; set; } = "[]";

    /// <summary>The <see cref="RenderInputs"/> that made it, so "same seed" can run it again exactly.</summary>
    public string InputsJson { get; set; } = "";

    public double KeyframeMilliseconds { get; set; }
    public double FramesMilliseconds { get; set; }
    public double EncodeMilliseconds { get; set; }
    public double TotalMilliseconds { get; set; }

    public string CreatedByUserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The take this one regenerated with the same recipe, and what the comparison found.</summary>
    public int? ReproducesTakeId { get; set; }
    public string? ReproductionResult { get; set; }
}

using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Everything a render needs from the storyboard, resolved when the job is queued and stored with it as JSON, so a job
/// renders what the user saw when they pressed Generate and a take can be regenerated from exactly the same inputs.
/// </summary>
public sealed record RenderInputs(
    string Prompt,
    string NegativePrompt,
    long Seed,
    string ModelPack,
    string Scheduler,
    int Steps,
    double Guidance,
    double ReferenceStrength,
    CameraMove CameraMove,
    double DurationSeconds,
    IReadOnlyList<RenderPlacement> Placements);

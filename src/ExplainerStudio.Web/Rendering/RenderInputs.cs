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

/// <summary>A character in the shot with the reference set it renders against (null: the character had no locked set).</summary>
public sealed record RenderPlacement(int CharacterId, string Name, double X, double Y, double Scale, int ZOrder, int? ReferenceSetId);

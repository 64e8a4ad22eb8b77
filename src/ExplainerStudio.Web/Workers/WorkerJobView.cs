namespace ExplainerStudio.Web.Workers;

/// <summary>A job a worker holds; <see cref="ShotTitle"/> is null for a project the viewer is not a member of.</summary>
public sealed record WorkerJobView(int JobId, int ProjectId, string? ShotTitle, int Step, int TotalSteps, string? Phase);

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>The scheduler a pack's configuration asks for, as one the studio implements.</summary>
/// <param name="Kind">The scheduler to run.</param>
/// <param name="FallbackNote">Null when the configured class is implemented as is; otherwise a sentence for the
/// log and the UI saying which class was asked for and what runs instead.</param>
public sealed record SchedulerChoice(SchedulerKind Kind, string? FallbackNote);

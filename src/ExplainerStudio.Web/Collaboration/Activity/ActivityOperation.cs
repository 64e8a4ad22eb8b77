namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>A named group of writes that the log records as one step (see <see cref="ActivityActor.Group"/>).</summary>
public sealed record ActivityOperation(ActivityKind Kind, string Summary);

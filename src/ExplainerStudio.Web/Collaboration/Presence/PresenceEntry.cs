namespace ExplainerStudio.Web.Collaboration.Presence;

/// <summary>One open page of a member: the project it shows and the shot open in it, if any.</summary>
public sealed record PresenceEntry(string CircuitId, string UserId, string DisplayName, int ProjectId, int? ShotId, DateTimeOffset Since);

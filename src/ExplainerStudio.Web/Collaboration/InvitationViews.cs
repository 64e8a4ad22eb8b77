namespace ExplainerStudio.Web.Collaboration;

/// <summary>A new invitation; <see cref="Link"/> (a path on this studio) is shown once and never stored.</summary>
public sealed record CreatedInvitation(int Id, ProjectRole Role, DateTimeOffset ExpiresAt, string Link);

public sealed record InvitationView(int Id, ProjectRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string State);

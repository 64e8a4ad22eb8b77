namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>A studio as it ships: open registration off, so new accounts come only through invitation links.</summary>
public sealed class InvitationOnlyStudioFixture() : StudioFixture(openRegistration: false);

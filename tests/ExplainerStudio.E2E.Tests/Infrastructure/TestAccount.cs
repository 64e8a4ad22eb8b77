namespace ExplainerStudio.E2E.Tests.Infrastructure;

public sealed record TestAccount(string DisplayName, string Email, string Password);

using ExplainerStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>The real studio on a real Kestrel socket, writing into its own data folder; <paramref name="settings"/> come last.</summary>
public sealed class StudioAppFactory(string dataDirectory, bool openRegistration = true, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The same root Program.cs picks (the repository root), so wwwroot/ and appsettings.json are the real ones.
        builder.UseContentRoot(StudioPaths.FindContentRoot(AppContext.BaseDirectory));
        builder.UseSetting("Data:Directory", dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Most browser tests register several accounts from one address without invitations; the invitation tests
        // need the studio as it ships, registration by invitation only.
        builder.UseSetting("Accounts:AllowRegistration", openRegistration ? "true" : "false");
        builder.UseSetting("Accounts:SignInAttemptsPerMinute", "10000");
        // Nothing listens on the discard port: a pull from the Model packs page fails at once, as offline, and never
        // writes into the repository's models/ folder.
        builder.UseSetting("Generation:PackHubUrl", "http://127.0.0.1:9/");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}

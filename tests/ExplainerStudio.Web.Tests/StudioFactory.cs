using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests;

/// <summary>
/// The real studio (Program.cs, its services, SQLite, ffmpeg) over a data folder of its own. The folder is a fresh
/// temp folder unless one is given, and a fresh one is deleted on dispose.
/// </summary>
public sealed class StudioFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDataDirectory;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>
    /// The smallest reference side the test studios accept, below the product's 64 so that ordinary test pictures can
    /// stay small (and the tests fast); a test studio's own settings may override it.
    /// </summary>
    public const int TestMinImageShortSide = 16;

    /// <param name="services">Registrations made after the studio's own, for a test that must observe a real part (a counting wrapper around it), never to replace what the test is about.</param>
    public StudioFactory(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("studio-web-tests-").FullName;
    }

    /// <summary>The repository root, where appsettings.json and wwwroot/ live; the studio's content root everywhere.</summary>
    public static string RepositoryRoot { get; } = StudioPaths.FindContentRoot(AppContext.BaseDirectory);

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "studio.db");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates an account directly (no demo project); a password only when the test signs in over HTTP.</summary>
    public async Task<StudioUser> CreateUserAsync(string? password = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var user = new StudioUser { UserName = $"user-{tag}@example.test", Email = $"user-{tag}@example.test", DisplayName = $"User {tag}" };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory points the content root at the web project's folder; the studio's is the repository
        // root, as in `dotnet run` and a published build.
        builder.UseContentRoot(RepositoryRoot);
        builder.UseSetting("Data:Directory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Uploads:MinImageShortSide", TestMinImageShortSide.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections keep the file open; release them before the folder goes.
        SqliteConnection.ClearAllPools();
        if (_ownsDataDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

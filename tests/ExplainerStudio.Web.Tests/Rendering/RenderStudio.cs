using ExplainerStudio.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>
/// A real studio (web host, SQLite file, ONNX Runtime with the previz pack, ffmpeg) in a temporary data folder,
/// configured for fast renders: tiny frames, few steps, short shots at a low frame rate.
/// </summary>
public sealed class RenderStudio : WebApplicationFactory<Program>
{
    public const int TestFrameRate = 4;
    private readonly Dictionary<string, string?> _settings;

    public RenderStudio(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "es-render-" + Guid.NewGuid().ToString("N"));
        DataDirectory = Path.Combine(Root, "data");
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>(Settings(DataDirectory));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        // A studio over another data folder (a restart test) writes its files there too.
        DataDirectory = _settings["Data:Directory"] ?? DataDirectory;
    }

    public string Root { get; }
    public string DataDirectory { get; }

    /// <summary>The settings a studio process needs for fast renders in <paramref name="dataDirectory"/>.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>
    {
        ["Data:Directory"] = dataDirectory,
        ["Accounts:DemoProjectForNewAccounts"] = "false",
        ["Rendering:MaxLongSide"] = "128",
        ["Rendering:PollIntervalMilliseconds"] = "100",
        ["Rendering:ProgressSaveIntervalMilliseconds"] = "100",
        ["Rendering:EncoderPreset"] = "ultrafast",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public StudioDbContext Db() => Get<IDbContextFactory<StudioDbContext>>().CreateDbContext();

    public HttpClient ClientFor(string userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestUserAuthentication.Header, userId);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestUserAuthentication>(TestUserAuthentication.SchemeName, null);
            services.PostConfigure<AuthenticationOptions>(options =>
            {
                options.DefaultScheme = TestUserAuthentication.SchemeName;
                options.DefaultAuthenticateScheme = TestUserAuthentication.SchemeName;
                options.DefaultChallengeScheme = TestUserAuthentication.SchemeName;
            });
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing ffmpeg; the temp folder is cleaned by the OS.
            }
        }
    }
}

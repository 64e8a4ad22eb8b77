using System.Globalization;

namespace ExplainerStudio.Web.Tests;

/// <summary>
/// One studio for the shared collection, with small upload limits so that the bad-input tests can exceed them with
/// small files while ordinary test images stay well inside.
/// </summary>
public class StudioFixture : IAsyncLifetime
{
    public const long MaxImageBytes = 256 * 1024;
    public const long MaxImagePixels = 300_000;
    public const int StoredLongSide = 256;
    public const int ThumbnailLongSide = 64;
    public const int MaxScriptBytes = 4096;
    public const int MinImageShortSide = StudioFactory.TestMinImageShortSide;

    private StudioFactory? _factory;

    public StudioFactory Factory => _factory ?? throw new InvalidOperationException("The studio starts in InitializeAsync.");

    private static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Uploads:MaxImageBytes"] = MaxImageBytes.ToString(CultureInfo.InvariantCulture),
        ["Uploads:MaxImagePixels"] = MaxImagePixels.ToString(CultureInfo.InvariantCulture),
        ["Uploads:StoredLongSide"] = StoredLongSide.ToString(CultureInfo.InvariantCulture),
        ["Uploads:ThumbnailLongSide"] = ThumbnailLongSide.ToString(CultureInfo.InvariantCulture),
        ["Import:MaxScriptBytes"] = MaxScriptBytes.ToString(CultureInfo.InvariantCulture),
        // The shared studio's tests sign in and register many times from one (test) address.
        ["Accounts:SignInAttemptsPerMinute"] = "10000",
        ["Accounts:AllowRegistration"] = "true",
    };

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in await DatabaseSettingsAsync())
        {
            settings[key] = value;
        }
        _factory = new StudioFactory(settings);
        // Starts the app (and creates its database) before the first test.
        _ = Factory.Server;
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The settings that choose the database (none: SQLite in the data folder).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}

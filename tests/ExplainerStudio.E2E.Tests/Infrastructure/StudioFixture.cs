using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>
/// One studio server (its own SQLite file in a fresh temporary folder) and one headless Chromium per test class.
/// Browser contexts are cheap and isolated, so each test opens its own.
/// </summary>
public class StudioFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "studio-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _ownerGate = new(1, 1);
    private readonly bool _openRegistration;
    private StudioAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _ownerState;

    public StudioFixture()
        : this(openRegistration: true)
    {
    }

    protected StudioFixture(bool openRegistration) => _openRegistration = openRegistration;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The server's services, for setting up state the browser cannot reach cheaply (a recorded take).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The first account, created through /Account/Setup by <see cref="SignInOwnerAsync"/>.</summary>
    public static TestAccount Owner { get; } = new("Olivia Owner", "owner@studio.test", "owner-pass-1234");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}. Install it with 'sudo apt-get install chromium' " +
                "(./studio.sh test does this); the tests never download browsers.");
        }

        Directory.CreateDirectory(_dataDirectory);
        _factory = new StudioAppFactory(_dataDirectory, _openRegistration);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());

        Assertions.SetDefaultExpectTimeout(StudioTimeouts.ExpectMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh, signed-out browser context with the studio as its base address.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(StudioTimeouts.ActionMilliseconds);
        context.SetDefaultNavigationTimeout(StudioTimeouts.ActionMilliseconds);
        return context;
    }

    /// <summary>A page signed in as <see cref="Owner"/>; the first call creates the account through the first-run page.</summary>
    public async Task<IPage> SignInOwnerAsync(BrowserSession session)
    {
        await _ownerGate.WaitAsync();
        try
        {
            if (_ownerState is null)
            {
                var setupPage = await session.NewPageAsync();
                await StudioAccounts.SetUpFirstAccountAsync(setupPage, Owner);
                _ownerState = await setupPage.Context.StorageStateAsync();
                return setupPage;
            }
        }
        finally
        {
            _ownerGate.Release();
        }

        return await session.NewPageAsync(_ownerState);
    }

    /// <summary>Runs a browser test; when it fails, every page it opened is saved as a screenshot first.</summary>
    public async Task RunAsync(ITestOutputHelper output, string testName, Func<BrowserSession, Task> test)
    {
        await using var session = new BrowserSession(this, output, testName);
        try
        {
            await test(session);
        }
        catch
        {
            await session.CaptureScreenshotsAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _ownerGate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background task only leaves a temporary folder behind.
        }
    }
}

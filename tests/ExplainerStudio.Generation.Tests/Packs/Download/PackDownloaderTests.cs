using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Download;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Previz;

namespace ExplainerStudio.Generation.Tests.Packs.Download;

/// <summary>Pulls a copy of the committed previz pack from a real local HTTP server into a temporary models folder.</summary>
public sealed class PackDownloaderTests : IAsyncLifetime
{
    private const string Repository = "acme/previz-onnx";
    private const string Revision = "main";
    private const string Prefix = Repository + "/resolve/" + Revision + "/";
    private const string UnetFile = "unet/model.onnx";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "pack-pull-" + Guid.NewGuid().ToString("N"));
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
    private readonly List<string> _messages = [];
    private LocalFileServer _server = null!;

    private string Served => Path.Combine(_work, "served");

    private string Models => Path.Combine(_work, "models");

    private string Installed => Path.Combine(Models, "pulled");

    private string Staging => Path.Combine(Models, ".pull-pulled");

    public Task InitializeAsync()
    {
        CopyFolder(Path.Combine(RepositoryPaths.Root(), "models", "previz"), Served);
        _server = new LocalFileServer(Served, Prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _runtime.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Pull_InstallsEveryFileVerifiedAndTheLoaderAcceptsThePack()
    {
        PublishedPack pack = ServedPack(knownHashes: true) with
        {
            Files = [.. ServedPack(knownHashes: true).Files.Select(f => f.Path == "tokenizer/vocab.json" ? f with { Sha256 = null } : f), new PublishedPackFile("unet/model.onnx_data", Optional: true)],
        };

        PackPullResult result = await PullAsync(pack);

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.Equal(Installed, result.Directory);
        Assert.False(Directory.Exists(Staging));
        foreach (string file in ServedFiles())
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Served, file)), File.ReadAllBytes(Path.Combine(Installed, file)));
        }

        Assert.Equal(["unet/model.onnx_data"], result.SkippedOptionalFiles);
        PulledFile vocab = Assert.Single(result.Files, f => f.Path == "tokenizer/vocab.json");
        Assert.False(vocab.Verified);
        Assert.Equal(Sha256Of(Path.Combine(Served, "tokenizer/vocab.json")), vocab.Sha256);
        Assert.All(result.Files.Where(f => f.Path != "tokenizer/vocab.json"), f => Assert.True(f.Verified, f.Path));
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(result.ManifestPath));
        Assert.Contains(manifest.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "tokenizer/vocab.json" && f.GetProperty("sha256").GetString() == vocab.Sha256);
        Assert.NotEmpty(_messages);
        Assert.Equal(result.Files.Sum(f => f.Bytes), LastProgress!.BytesDone);
        Assert.Equal(LastProgress.BytesTotal, LastProgress.BytesDone);
    }

    [Fact]
    public async Task InterruptedDownload_KeepsThePartAndTheNextPullResumesWithRange()
    {
        PublishedPack pack = ServedPack(knownHashes: true);
        _server.DropOnce(UnetFile, 10_000);

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(pack, attempts: 1));

        Assert.Contains($"dropped after 10000 of {new FileInfo(Path.Combine(Served, UnetFile)).Length} bytes of {UnetFile}", failure.Message);
        Assert.Contains("run the same pull again to resume", failure.Message);
        Assert.Equal(10_000, new FileInfo(Path.Combine(Staging, UnetFile + ".part")).Length);
        Assert.False(Directory.Exists(Installed));

        PackPullResult result = await PullAsync(pack);

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.Contains(_server.Requests, r => r.Method == "GET" && r.Path == "/" + Prefix + UnetFile && r.Range == "bytes=10000-");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Served, UnetFile)), File.ReadAllBytes(Path.Combine(Installed, UnetFile)));
        Assert.Single(_server.Requests, r => r.Method == "GET" && r.Path == "/" + Prefix + "text_encoder/model.onnx");
    }

    [Fact]
    public async Task DroppedConnection_IsResumedWithinTheSamePull()
    {
        _server.DropOnce(UnetFile, 10_000);

        PackPullResult result = await PullAsync(ServedPack(knownHashes: true));

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.Equal(
            [null, "bytes=10000-"],
            _server.Requests.Where(r => r.Method == "GET" && r.Path == "/" + Prefix + UnetFile).Select(r => r.Range));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Served, UnetFile)), File.ReadAllBytes(Path.Combine(Installed, UnetFile)));
    }

    [Fact]
    public async Task ServerIgnoringRange_RestartsTheFileFromTheStart()
    {
        PublishedPack pack = ServedPack(knownHashes: true);
        _server.DropOnce(UnetFile, 10_000);
        await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(pack, attempts: 1));
        _server.IgnoreRange = true;

        PackPullResult result = await PullAsync(pack);

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.Contains(_server.Requests, r => r.Path == "/" + Prefix + UnetFile && r.Range == "bytes=10000-");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Served, UnetFile)), File.ReadAllBytes(Path.Combine(Installed, UnetFile)));
    }

    [Fact]
    public async Task ChecksumMismatch_DeletesTheDownloadAndInstallsNothing()
    {
        PublishedPack pack = ServedPack(knownHashes: true);
        pack = pack with { Files = [.. pack.Files.Select(f => f.Path == UnetFile ? f with { Sha256 = new string('0', 64) } : f)] };

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(pack));

        Assert.Contains($"{UnetFile} from {_server.BaseUrl}{Prefix}{UnetFile} has SHA-256 {Sha256Of(Path.Combine(Served, UnetFile))} but {new string('0', 64)} was expected", failure.Message);
        Assert.False(File.Exists(Path.Combine(Staging, UnetFile + ".part")));
        Assert.False(File.Exists(Path.Combine(Staging, UnetFile)));
        Assert.False(Directory.Exists(Installed));
    }

    [Fact]
    public async Task HashPublishedByTheServer_IsEnforcedWhenTheCatalogueHasNone()
    {
        PublishedPack pack = ServedPack(knownHashes: false);
        _server.LinkedETags[UnetFile] = new string('a', 64);

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(pack));

        Assert.Contains($"but {new string('a', 64)} was expected", failure.Message);
        Assert.False(Directory.Exists(Installed));
    }

    [Fact]
    public async Task HubStyleRedirect_ItsPublishedHashIsReadAndVerified()
    {
        _server.RedirectToCdn = true;
        _server.LinkedETags[UnetFile] = Sha256Of(Path.Combine(Served, UnetFile));

        PackPullResult result = await PullAsync(ServedPack(knownHashes: false));

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.True(Assert.Single(result.Files, f => f.Path == UnetFile).Verified);
        Assert.All(result.Files.Where(f => f.Path != UnetFile), f => Assert.False(f.Verified, f.Path));
        Assert.Contains(_server.Requests, r => r.Method == "GET" && r.Path == "/cdn/" + UnetFile);
    }

    [Fact]
    public async Task MissingFile_NamesTheFileAndUrlAndInstallsNothing()
    {
        PublishedPack pack = ServedPack(knownHashes: true);
        pack = pack with { Files = [.. pack.Files, new PublishedPackFile("unet/weights.pb")] };

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(pack));

        Assert.Contains($"unet/weights.pb of 'pulled' is missing on the server: GET {_server.BaseUrl}{Prefix}unet/weights.pb answered 404 Not Found", failure.Message);
        Assert.False(Directory.Exists(Installed));
        Assert.DoesNotContain(_server.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task Offline_SaysNothingIsListeningAndInstallsNothing()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(ServedPack(knownHashes: true), hub: new Uri($"http://127.0.0.1:{port}/")));

        Assert.Contains($"nothing is listening on 127.0.0.1:{port} (connection refused)", failure.Message);
        Assert.Contains("offline", failure.Message);
        Assert.False(Directory.Exists(Installed));
    }

    [Fact]
    public async Task NotEnoughFreeSpace_StopsBeforeDownloadingAnything()
    {
        long needed = ServedFiles().Sum(f => new FileInfo(Path.Combine(Served, f)).Length);

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(ServedPack(knownHashes: true), freeBytes: needed - 1));

        Assert.Contains($"needs {PackDownloaderFormat(needed)} more in '{Models}' but only {PackDownloaderFormat(needed - 1)} is free", failure.Message);
        Assert.DoesNotContain(_server.Requests, r => r.Method == "GET");
        Assert.False(Directory.Exists(Installed));
        Assert.False(Directory.Exists(Staging));
    }

    [Fact]
    public async Task ExistingPack_IsLeftAloneWithoutReplaceAndSwappedWholeWithIt()
    {
        Directory.CreateDirectory(Installed);
        File.WriteAllText(Path.Combine(Installed, "mine.txt"), "keep");

        var failure = await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(ServedPack(knownHashes: true)));
        Assert.Contains("already exists and was left alone", failure.Message);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(Installed, "mine.txt")));
        PublishedPack broken = ServedPack(knownHashes: true) with { Files = [.. ServedPack(knownHashes: true).Files, new PublishedPackFile("unet/weights.pb")] };
        await Assert.ThrowsAsync<PackDownloadException>(() => PullAsync(broken, replace: true));
        Assert.Equal(["mine.txt"], Directory.EnumerateFileSystemEntries(Installed).Select(Path.GetFileName));

        PackPullResult result = await PullAsync(ServedPack(knownHashes: true), replace: true);

        Assert.True(result.Report.IsUsable, result.Report.Summary);
        Assert.False(File.Exists(Path.Combine(Installed, "mine.txt")));
    }

    [Fact]
    public void CommittedCatalogue_ListsDiffusersLayoutExportsOfTheHub()
    {
        PackCatalogue catalogue = PackCatalogue.Load(Path.Combine(RepositoryPaths.Root(), "models", "catalogue.json"));

        Assert.Contains(catalogue.Packs, p => p.Name == "sd-turbo");
        Assert.Contains(catalogue.Packs, p => p.Name == "sd15");
        Assert.Contains(catalogue.Packs, p => p.Name == "lcm-dreamshaper");
        foreach (PublishedPack pack in catalogue.Packs)
        {
            string[] required = ["model_index.json", "scheduler/scheduler_config.json", "tokenizer/vocab.json", "tokenizer/merges.txt", "text_encoder/model.onnx", UnetFile, "vae_encoder/model.onnx", "vae_decoder/model.onnx"];
            Assert.All(required, r => Assert.Contains(pack.Files, f => f.Path == r && !f.Optional));
            Assert.StartsWith("https://huggingface.co/" + pack.Repository, pack.Source, StringComparison.Ordinal);
            Assert.Equal($"https://huggingface.co/{pack.Repository}/resolve/{pack.Revision}/", pack.RootUrl(PackDownloadOptions.DefaultHub).AbsoluteUri);
        }

        var unknown = Assert.Throws<PackDownloadException>(() => catalogue.Find("sdxl-nope"));
        Assert.Contains("sd-turbo", unknown.Message);
    }

    private PackDownloadProgress? LastProgress { get; set; }

    private static string PackDownloaderFormat(long bytes) => PackDownloader.FormatBytes(bytes);

    private async Task<PackPullResult> PullAsync(PublishedPack pack, Uri? hub = null, long freeBytes = long.MaxValue, bool replace = false, int attempts = 3)
    {
        var options = new PackDownloadOptions
        {
            ModelsDirectory = Models,
            HubBaseUrl = hub ?? _server.BaseUrl,
            FreeSpaceProbe = _ => freeBytes,
            Replace = replace,
            Attempts = attempts,
            Progress = p =>
            {
                LastProgress = p;
                _messages.Add($"{p.File} {p.BytesDone}/{p.BytesTotal}");
            },
        };
        using var downloader = new PackDownloader(options, new ModelPackLoader(_runtime));
        return await downloader.PullAsync(pack, CancellationToken.None);
    }

    private PublishedPack ServedPack(bool knownHashes) => new(
        "pulled",
        Repository,
        Revision,
        "The committed previz pack, served locally",
        $"https://huggingface.co/{Repository}",
        [.. ServedFiles().Select(f => new PublishedPackFile(f, new FileInfo(Path.Combine(Served, f)).Length, knownHashes ? Sha256Of(Path.Combine(Served, f)) : null))]);

    private IEnumerable<string> ServedFiles() =>
        Directory.EnumerateFiles(Served, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Served, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith('.') && f != "README.md")
            .Order(StringComparer.Ordinal);

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Download;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// `pack list` and `pack pull NAME [--source URL] [--hub URL] [--models DIR] [--replace]`: installs a published ONNX
/// export from models/catalogue.json (or --catalogue FILE) into models/NAME, printing progress, then the pack loader's verdict.
/// </summary>
public static class PackPullCommand
{
    private const string Usage = "usage: pack list | pack pull NAME [--source URL] [--hub URL] [--models DIR] [--replace]  (either takes --catalogue FILE)";

    public static async Task<int> RunAsync(string[] args)
    {
        string root = StudioPaths.FindContentRoot(AppContext.BaseDirectory);
        string catalogueFile = Path.Combine(root, "models", "catalogue.json");
        int option = Array.IndexOf(args, "--catalogue");
        if (option >= 0)
        {
            if (option + 1 >= args.Length)
            {
                return Fail($"--catalogue needs a file. {Usage}");
            }

            catalogueFile = Path.GetFullPath(args[option + 1]);
            args = [.. args[..option], .. args[(option + 2)..]];
        }

        try
        {
            PackCatalogue catalogue = PackCatalogue.Load(catalogueFile);
            return args switch
            {
                ["list", ..] => List(catalogue),
                ["pull", string name, .. var rest] when !name.StartsWith("--", StringComparison.Ordinal) => await PullAsync(catalogue, name, rest, root),
                _ => Fail(Usage),
            };
        }
        catch (Exception e) when (e is PackDownloadException or InvalidDataException or FileNotFoundException or ArgumentException)
        {
            return Fail(e.Message);
        }
    }

    private static int List(PackCatalogue catalogue)
    {
        foreach (PublishedPack pack in catalogue.Packs)
        {
            long listed = pack.Files.Sum(f => f.Bytes ?? f.ListedBytes ?? 0);
            Console.WriteLine($"{pack.Name,-16} about {PackDownloader.FormatBytes(listed),-10} {pack.Repository}@{pack.Revision}");
            Console.WriteLine($"{"",-16} {pack.Description}");
        }

        return 0;
    }

    private static async Task<int> PullAsync(PackCatalogue catalogue, string name, string[] rest, string root)
    {
        PublishedPack pack = catalogue.Find(name);
        string models = Path.Combine(root, "models");
        Uri? source = null;
        Uri hub = PackDownloadOptions.DefaultHub;
        bool replace = false;
        for (int i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--source" when i + 1 < rest.Length:
                    source = ParseUrl(rest[++i]);
                    break;
                case "--hub" when i + 1 < rest.Length:
                    hub = ParseUrl(rest[++i]);
                    break;
                case "--models" when i + 1 < rest.Length:
                    models = Path.GetFullPath(rest[++i]);
                    break;
                case "--replace":
                    replace = true;
                    break;
                default:
                    return Fail($"Unknown or incomplete option '{rest[i]}'. {Usage}");
            }
        }

        Console.WriteLine($"Pulling '{pack.Name}' ({pack.Description}) from {(source ?? pack.RootUrl(hub)).AbsoluteUri} into {Path.Combine(models, pack.Name)}");
        var printer = new ProgressPrinter();
        var options = new PackDownloadOptions
        {
            ModelsDirectory = models,
            HubBaseUrl = hub,
            Source = source,
            Replace = replace,
            Progress = printer.Print,
        };

        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
        using var downloader = new PackDownloader(options, new ModelPackLoader(runtime));
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        PackPullResult result;
        try
        {
            result = await downloader.PullAsync(pack, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            printer.End();
            return Fail($"Stopped. What was downloaded is kept in {Path.Combine(models, ".pull-" + pack.Name)}; run the same pull again to resume.");
        }
        catch (PackDownloadException)
        {
            printer.End();
            throw;
        }

        printer.End();
        foreach (PulledFile file in result.Files)
        {
            Console.WriteLine($"  {file.Path,-36} {PackDownloader.FormatBytes(file.Bytes),10}  sha256 {file.Sha256} {(file.Verified ? "verified" : "recorded (no published hash)")}");
        }

        foreach (string skipped in result.SkippedOptionalFiles)
        {
            Console.WriteLine($"  {skipped,-36} not on the server (optional)");
        }

        Console.WriteLine($"Installed {result.Directory}; hashes recorded in {result.ManifestPath}");
        Console.WriteLine(result.Report.Summary);
        foreach (string note in result.Report.Notes)
        {
            Console.WriteLine($"  note: {note}");
        }

        return result.Report.IsUsable ? 0 : 1;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? url) ? url : throw new ArgumentException($"'{text}' is not an absolute URL (e.g. http://127.0.0.1:8000/previz/).");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }

    /// <summary>One progress line, rewritten in place on a terminal; on a pipe, a line per file and every few seconds.</summary>
    private sealed class ProgressPrinter
    {
        private static readonly TimeSpan PipeInterval = TimeSpan.FromSeconds(5);

        private readonly bool _terminal = !Console.IsOutputRedirected;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = -PipeInterval;
        private string? _lastFile;
        private bool _open;

        public void Print(PackDownloadProgress p)
        {
            double percent = p.BytesTotal > 0 ? 100.0 * p.BytesDone / p.BytesTotal : 100;
            string eta = p.Eta is TimeSpan t ? t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";
            string line = string.Create(CultureInfo.InvariantCulture, $"  {p.File,-36} {PackDownloader.FormatBytes(p.BytesDone)} / {PackDownloader.FormatBytes(p.BytesTotal)} ({percent:0.0}%)  {PackDownloader.FormatBytes((long)p.BytesPerSecond)}/s  ETA {eta}");
            if (_terminal)
            {
                Console.Write("\r" + line.PadRight(Math.Max(0, Console.BufferWidth - 1)));
                _open = true;
            }
            else if (p.File != _lastFile || _clock.Elapsed - _lastLine >= PipeInterval)
            {
                Console.WriteLine(line);
                _lastLine = _clock.Elapsed;
            }

            _lastFile = p.File;
        }

        public void End()
        {
            if (_open)
            {
                Console.WriteLine();
                _open = false;
            }
        }
    }
}

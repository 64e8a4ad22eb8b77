using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>
/// Installs a published pack into models/NAME: asks the server for every file's size (and published SHA-256), checks
/// the free space, downloads each file into models/.pull-NAME/PATH.part (resuming a part left by an interrupted run
/// with an HTTP Range request, restarting when the server ignores it), checks each SHA-256, and only when every file
/// is complete and verified moves the folder into place, then validates it with the pack loader. A failure leaves
/// models/NAME as it was and keeps verified files and parts in models/.pull-NAME for the next run.
/// </summary>
public sealed class PackDownloader : IDisposable
{
    private const int MaxRedirects = 5;
    private const int BufferSize = 1 << 20;
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly PackDownloadOptions _options;
    private readonly ModelPackLoader _loader;
    private readonly HttpClient _http;

    /// <summary>Creates a downloader that validates installed packs with <paramref name="loader"/>.</summary>
    public PackDownloader(PackDownloadOptions options, ModelPackLoader loader)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loader);
        options.Validate();
        _options = options;
        _loader = loader;
        // Redirects are followed by hand: the hub publishes an LFS file's SHA-256 and size on the redirect itself.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = options.RequestTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ExplainerStudio", "1.0"));
    }

    /// <summary>Downloads, verifies, installs and validates <paramref name="pack"/>.</summary>
    public async Task<PackPullResult> PullAsync(PublishedPack pack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        CheckName(pack.Name);
        string models = Path.GetFullPath(_options.ModelsDirectory);
        string target = Path.Combine(models, pack.Name);
        if (Directory.Exists(target) && !_options.Replace)
        {
            throw new PackDownloadException(pack.Name, $"The pack folder '{target}' already exists and was left alone. Remove it, or pull with --replace to swap it for the new copy once that is complete and verified.");
        }

        Directory.CreateDirectory(models);
        Uri root = _options.Source is null ? pack.RootUrl(_options.HubBaseUrl) : WithTrailingSlash(_options.Source);
        string staging = Path.Combine(models, ".pull-" + pack.Name);

        var plans = new List<FilePlan>();
        var skipped = new List<string>();
        foreach (PublishedPackFile file in pack.Files)
        {
            FilePlan? plan = await PlanAsync(pack, file, root, staging, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                skipped.Add(file.Path);
            }
            else
            {
                plans.Add(plan);
            }
        }

        long total = plans.Sum(p => p.Size ?? 0);
        long staged = plans.Sum(p => p.StagedBytes());
        CheckFreeSpace(pack, models, total - staged);

        Directory.CreateDirectory(staging);
        var progress = new TransferProgress(total, staged, _options.Progress);
        var pulled = new List<PulledFile>();
        foreach (FilePlan plan in plans)
        {
            pulled.Add(await FetchAsync(pack, plan, progress, cancellationToken).ConfigureAwait(false));
        }

        Install(pack, staging, target);
        string manifest = WriteManifest(models, pack, root, pulled);
        ModelPackReport report = _loader.Inspect(target);
        return new PackPullResult(target, pulled, skipped, manifest, report);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('.') || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new PackDownloadException(name, $"'{name}' cannot be a pack folder name: use letters, digits, '-', '_' or '.', not starting with '.'.");
        }
    }

    private static Uri WithTrailingSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private async Task<FilePlan?> PlanAsync(PublishedPack pack, PublishedPackFile file, Uri root, string staging, CancellationToken cancellationToken)
    {
        string[] segments = file.Path.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)) || Path.IsPathRooted(file.Path))
        {
            throw new PackDownloadException(pack.Name, $"The catalogue path '{file.Path}' of pack '{pack.Name}' is not a plain relative path inside the pack.");
        }

        var url = new Uri(root, string.Join('/', segments.Select(Uri.EscapeDataString)));
        using Answer probe = await SendAsync(pack, file.Path, HttpMethod.Head, url, rangeFrom: null, cancellationToken).ConfigureAwait(false);
        if (probe.Response.StatusCode == HttpStatusCode.NotFound)
        {
            if (file.Optional)
            {
                return null;
            }

            throw Missing(pack, file.Path, probe.Url);
        }

        if (!probe.Response.IsSuccessStatusCode)
        {
            throw Refused(pack, file.Path, probe);
        }

        long? serverSize = probe.LinkedSize ?? probe.Response.Content.Headers.ContentLength;
        if (file.Bytes is long known && serverSize is long served && known != served)
        {
            throw new PackDownloadException(pack.Name, $"{file.Path} of '{pack.Name}' is {served} bytes on {probe.Url} but the catalogue expects {known}; the server copy changed or the catalogue entry is wrong. Nothing was downloaded.");
        }

        string? expected = file.Sha256?.ToLowerInvariant() ?? probe.LinkedSha256;
        string final = Path.Combine([staging, .. segments]);
        return new FilePlan(file.Path, url, file.Bytes ?? serverSize ?? file.ListedBytes, expected, final);
    }

    private void CheckFreeSpace(PublishedPack pack, string models, long needed)
    {
        long free = _options.FreeSpaceProbe(models);
        if (needed > free)
        {
            throw new PackDownloadException(pack.Name, $"Pulling '{pack.Name}' needs {FormatBytes(needed)} more in '{models}' but only {FormatBytes(free)} is free. Free some space or pull into another folder with --models DIR. Nothing was downloaded.");
        }
    }

    private async Task<PulledFile> FetchAsync(PublishedPack pack, FilePlan plan, TransferProgress progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(plan.FinalPath)!);
        if (File.Exists(plan.FinalPath))
        {
            PulledFile? kept = await KeepStagedAsync(plan, progress, cancellationToken).ConfigureAwait(false);
            if (kept is not null)
            {
                return kept;
            }
        }

        string part = plan.FinalPath + ".part";
        for (int attempt = 1; ; attempt++)
        {
            long offset = File.Exists(part) ? new FileInfo(part).Length : 0;
            if (plan.Size is long size && offset > size)
            {
                progress.Rewind(offset);
                File.Delete(part);
                offset = 0;
            }

            try
            {
                await DownloadPartAsync(pack, plan, part, offset, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (TransferInterruptedException) when (attempt < _options.Attempts)
            {
                // The bytes that arrived are in the part file; the next attempt asks for the rest.
            }
            catch (TransferInterruptedException e)
            {
                throw new PackDownloadException(pack.Name, $"The connection dropped after {e.Written} of {e.Expected} bytes of {plan.Path} ({plan.Url}), {attempt} {(attempt == 1 ? "try" : "tries in a row")}. The {e.Written} bytes are kept; run the same pull again to resume from there.", e.InnerException);
            }
        }

        long length = new FileInfo(part).Length;
        string actual = await HashAsync(part, cancellationToken).ConfigureAwait(false);
        if (plan.ExpectedSha256 is not null && !string.Equals(actual, plan.ExpectedSha256, StringComparison.Ordinal))
        {
            progress.Rewind(length);
            File.Delete(part);
            throw new PackDownloadException(pack.Name, $"{plan.Path} from {plan.Url} has SHA-256 {actual} but {plan.ExpectedSha256} was expected; the download was deleted. Run the pull again; if it fails the same way, the server copy or the catalogue entry is wrong.");
        }

        File.Move(part, plan.FinalPath, overwrite: true);
        progress.Report(plan.Path, force: true);
        return new PulledFile(plan.Path, length, actual, plan.ExpectedSha256 is not null);
    }

    private static async Task<PulledFile?> KeepStagedAsync(FilePlan plan, TransferProgress progress, CancellationToken cancellationToken)
    {
        long length = new FileInfo(plan.FinalPath).Length;
        string actual = await HashAsync(plan.FinalPath, cancellationToken).ConfigureAwait(false);
        bool sizeOk = plan.Size is not long size || size == length;
        bool hashOk = plan.ExpectedSha256 is null || string.Equals(actual, plan.ExpectedSha256, StringComparison.Ordinal);
        if (sizeOk && hashOk)
        {
            progress.Report(plan.Path, force: true);
            return new PulledFile(plan.Path, length, actual, plan.ExpectedSha256 is not null);
        }

        progress.Rewind(length);
        File.Delete(plan.FinalPath);
        return null;
    }

    private async Task DownloadPartAsync(PublishedPack pack, FilePlan plan, string part, long offset, TransferProgress progress, CancellationToken cancellationToken)
    {
        using Answer answer = await SendAsync(pack, plan.Path, HttpMethod.Get, plan.Url, offset > 0 ? offset : null, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = answer.Response;
        bool append;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange?.From == offset:
                append = true;
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when plan.Size == offset:
                return;
            case HttpStatusCode.OK:
                // The server ignored the Range request (or there was none): the body is the whole file, so start over.
                progress.Rewind(offset);
                append = false;
                break;
            case HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable:
                progress.Rewind(offset);
                File.Delete(part);
                await DownloadPartAsync(pack, plan, part, 0, progress, cancellationToken).ConfigureAwait(false);
                return;
            case HttpStatusCode.NotFound:
                throw Missing(pack, plan.Path, answer.Url);
            default:
                throw Refused(pack, plan.Path, answer);
        }

        long expectedEnd = plan.Size ?? (append ? offset : 0) + (response.Content.Headers.ContentLength ?? 0);
        long written = append ? offset : 0;
        var stream = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = new byte[BufferSize];
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new TransferInterruptedException(written, expectedEnd, e);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    // Write failures (a full disk) are not a dropped connection: they surface as they are.
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    written += read;
                    progress.Add(read);
                    progress.Report(plan.Path, force: false);
                }
            }
        }

        if (written < expectedEnd)
        {
            throw new TransferInterruptedException(written, expectedEnd, null);
        }
    }

    private async Task<Answer> SendAsync(PublishedPack pack, string file, HttpMethod method, Uri url, long? rangeFrom, CancellationToken cancellationToken)
    {
        Uri current = url;
        string? linkedSha = null;
        long? linkedSize = null;
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, current);
            if (rangeFrom is long from)
            {
                request.Headers.Range = new RangeHeaderValue(from, null);
            }

            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw Unreachable(pack, file, current, e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new PackDownloadException(pack.Name, $"{current.Host} did not answer within {_options.RequestTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s when asked for {file} ({current}). The network may be down or very slow; try again later.", e);
                }
            }

            linkedSha ??= LinkedSha256(response);
            linkedSize ??= LinkedSize(response);
            int status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is Uri location)
            {
                response.Dispose();
                if (hop == MaxRedirects)
                {
                    throw new PackDownloadException(pack.Name, $"{url} redirected more than {MaxRedirects} times when asked for {file}; the source URL is probably wrong.");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            return new Answer(response, current, linkedSha, linkedSize);
        }
    }

    private static string? LinkedSha256(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Linked-ETag", out IEnumerable<string>? values))
        {
            return null;
        }

        string value = values.First().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"').ToLowerInvariant();
        return value.Length == 64 && value.All(char.IsAsciiHexDigitLower) ? value : null;
    }

    private static long? LinkedSize(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Linked-Size", out IEnumerable<string>? values)
        && long.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size : null;

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private void Install(PublishedPack pack, string staging, string target)
    {
        string? replaced = null;
        if (Directory.Exists(target))
        {
            replaced = Path.Combine(Path.GetDirectoryName(target)!, ".replaced-" + pack.Name);
            if (Directory.Exists(replaced))
            {
                Directory.Delete(replaced, recursive: true);
            }

            Directory.Move(target, replaced);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException e)
        {
            if (replaced is not null)
            {
                Directory.Move(replaced, target);
            }

            throw new PackDownloadException(pack.Name, $"Every file of '{pack.Name}' is verified in '{staging}' but it could not be moved to '{target}': {e.Message}", e);
        }

        if (replaced is not null)
        {
            Directory.Delete(replaced, recursive: true);
        }
    }

    private static string WriteManifest(string models, PublishedPack pack, Uri root, IReadOnlyList<PulledFile> files)
    {
        string directory = Path.Combine(models, ".pulled");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, pack.Name + ".json");
        var manifest = new
        {
            pack.Name,
            pack.Repository,
            pack.Revision,
            Url = root.AbsoluteUri,
            PulledAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Files = files,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(manifest, ManifestJson));
        return path;
    }

    private static PackDownloadException Missing(PublishedPack pack, string file, Uri url) =>
        new(pack.Name, $"{file} of '{pack.Name}' is missing on the server: GET {url} answered 404 Not Found. The export may have moved; check the catalogue entry against the repository page. Nothing was installed.");

    private static PackDownloadException Refused(PublishedPack pack, string file, Answer answer) =>
        new(pack.Name, $"{answer.Url} answered {(int)answer.Response.StatusCode} {answer.Response.ReasonPhrase} for {file} of '{pack.Name}'" +
            (answer.Response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (the repository may be gated: accept its licence on the hub, or use a mirror with --source URL)." : ".") +
            " Nothing was installed.");

    private static PackDownloadException Unreachable(PublishedPack pack, string file, Uri url, HttpRequestException e)
    {
        string reason = e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"the name {url.Host} could not be resolved",
            HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"nothing is listening on {url.Host}:{url.Port} (connection refused)",
            HttpRequestError.ConnectionError => $"no connection to {url.Host}:{url.Port} could be made ({e.InnerException?.Message ?? e.Message})",
            _ => e.Message,
        };
        return new PackDownloadException(pack.Name, $"Cannot reach the pack server for {file} of '{pack.Name}': {reason}. This machine looks offline or the source is wrong; check the network, or pass --source URL to pull from a mirror or a local server. Nothing was installed.", e);
    }

    /// <summary>A byte count in binary units with the invariant culture ("3.44 GiB"), as pull messages and progress show it.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private sealed record FilePlan(string Path, Uri Url, long? Size, string? ExpectedSha256, string FinalPath)
    {
        public long StagedBytes()
        {
            if (File.Exists(FinalPath))
            {
                return new FileInfo(FinalPath).Length;
            }

            string part = FinalPath + ".part";
            return File.Exists(part) ? new FileInfo(part).Length : 0;
        }
    }

    /// <summary>A body ended early; the part file holds what arrived.</summary>
    private sealed class TransferInterruptedException(long written, long expected, Exception? cause)
        : IOException("The connection dropped part-way.", cause)
    {
        public long Written { get; } = written;

        public long Expected { get; } = expected;
    }

    private sealed record Answer(HttpResponseMessage Response, Uri Url, string? LinkedSha256, long? LinkedSize) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}

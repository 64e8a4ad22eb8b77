using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ExplainerStudio.Generation.Tests.Packs.Download;

/// <summary>
/// A real HTTP/1.1 file server on 127.0.0.1 (one request per connection): serves a folder under a URL prefix, answers
/// HEAD and GET with Range, and can misbehave on purpose (drop a connection part-way once, ignore Range, publish a
/// hub-style X-Linked-ETag), recording every request it saw.
/// </summary>
internal sealed class LocalFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _root;
    private readonly string _prefix;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, long> _dropOnce = new(StringComparer.Ordinal);

    public LocalFileServer(string root, string prefix)
    {
        _root = root;
        _prefix = prefix;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public Uri PackUrl => new(BaseUrl, _prefix);

    public bool IgnoreRange { get; set; }

    /// <summary>Answer the pack URLs as the hub does for LFS files: a 302 to /cdn/PATH carrying X-Linked-ETag and X-Linked-Size.</summary>
    public bool RedirectToCdn { get; set; }

    public ConcurrentDictionary<string, string> LinkedETags { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The next GET of <paramref name="path"/> (pack-relative) sends the full Content-Length but only <paramref name="bytes"/> bytes.</summary>
    public void DropOnce(string path, long bytes) => _dropOnce[path] = bytes;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The listener was stopped under the accept loop, which is how it ends.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            await AnswerAsync(client);
        }
        catch (IOException)
        {
            // The downloader hung up (it stops reading after a failure); nothing more to send.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        {
            NetworkStream stream = client.GetStream();
            string head = await ReadHeadAsync(stream);
            string[] lines = head.Split("\r\n");
            string[] requestLine = lines[0].Split(' ');
            string method = requestLine[0];
            string path = Uri.UnescapeDataString(requestLine[1]);
            string? range = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Range", StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();
            Requests.Enqueue(new RecordedRequest(method, path, range));

            bool fromCdn = path.StartsWith("/cdn/", StringComparison.Ordinal);
            string? relative = fromCdn ? path["/cdn/".Length..] : path.StartsWith('/' + _prefix, StringComparison.Ordinal) ? path[(_prefix.Length + 1)..] : null;
            string? file = relative is null ? null : Path.Combine(_root, relative);
            if (file is null || relative!.Contains("..", StringComparison.Ordinal) || !File.Exists(file))
            {
                await WriteHeadAsync(stream, "404 Not Found", 0, []);
                return;
            }

            byte[] content = await File.ReadAllBytesAsync(file);
            var extra = new List<string>();
            if (!fromCdn && LinkedETags.TryGetValue(relative, out string? etag))
            {
                extra.Add($"X-Linked-ETag: \"{etag}\"");
                extra.Add($"X-Linked-Size: {content.Length}");
            }

            if (RedirectToCdn && !fromCdn)
            {
                extra.Add($"Location: /cdn/{relative}");
                await WriteHeadAsync(stream, "302 Found", 0, extra);
                return;
            }

            long from = 0;
            string status = "200 OK";
            if (range is not null && !IgnoreRange && method == "GET")
            {
                from = long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture);
                if (from >= content.Length)
                {
                    extra.Add($"Content-Range: bytes */{content.Length}");
                    await WriteHeadAsync(stream, "416 Range Not Satisfiable", 0, extra);
                    return;
                }

                status = "206 Partial Content";
                extra.Add($"Content-Range: bytes {from}-{content.Length - 1}/{content.Length}");
            }

            long length = content.Length - from;
            await WriteHeadAsync(stream, status, length, extra);
            if (method != "GET")
            {
                return;
            }

            long send = _dropOnce.TryRemove(relative, out long drop) ? Math.Min(drop, length) : length;
            await stream.WriteAsync(content.AsMemory((int)from, (int)send));
            await stream.FlushAsync();
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    private static async Task WriteHeadAsync(NetworkStream stream, string status, long length, IEnumerable<string> extra)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\nContent-Length: {length}\r\nConnection: close\r\n");
        foreach (string line in extra)
        {
            head.Append(line).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// A throw-away Redis of the caller's own, for tests and benchmarks: Debian's <c>redis-server</c> on a free loopback port
/// with a temporary folder, nothing persisted, stopped and removed on dispose. It can be stopped and started again on
/// the same port, to show what nodes do while Redis is down. Never used by a running studio.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "redis-server";
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The Live:Redis setting that reaches this server.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("es-redis-").FullName;
        var server = new RedisServer(FreePort(), directory);
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on its port and waits until it answers PING.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--dir", Directory, "--daemonize", "no", "--loglevel", "warning"])
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "redis-server is not installed; the cross-node tests and benchmarks start their own. Install it with " +
                "'sudo apt-get install redis-server' (./studio.sh test does this).", e);
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync(cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                await StopAsync();
                throw new InvalidOperationException(
                    $"redis-server did not come up on port {Port} ({(process.HasExited ? "it exited" : "no answer in 20 s")}): {Output}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Kills the server (as a crash would); clients see their connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing in it is kept (no snapshots, no append-only file).
        }
    }
}

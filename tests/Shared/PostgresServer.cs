using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ExplainerStudio.Testing;

/// <summary>
/// A real PostgreSQL server owned by the tests: <c>initdb</c> into a temporary folder, started with <c>pg_ctl</c> on a
/// free port of 127.0.0.1, stopped and deleted on dispose. Tests get one fresh database each from
/// <see cref="CreateDatabaseAsync"/> (or a name the studio creates itself from <see cref="ConnectionStringFor"/>).
/// PostgreSQL refuses to run as root, so under root (CI) the server runs as the <c>postgres</c> user that Debian's
/// package creates, through <c>runuser</c>. Shared by the test projects as a linked source file (tests/Shared).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string SuperUser = "postgres";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly string _binDirectory;
    private readonly string _root;
    private int _disposed;

    private PostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser's connection to the maintenance database <c>postgres</c>.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>Creates a server in a new temporary folder and starts it; throws with what to install when it cannot.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var root = Directory.CreateTempSubdirectory("studio-pg-").FullName;
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", [ServiceUser + ":", root], root, asServiceUser: false, cancellationToken);
            }
            var initdb = Path.Combine(binDirectory, "initdb");
            await RunAsync(initdb,
                ["-D", Path.Combine(root, "data"), "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                root, RunsAsRoot, cancellationToken);
            // A free port can be taken between the probe and the start by another test's server: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(binDirectory, root, FreePort());
                try
                {
                    await server.StartServerAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server (which need not exist yet).</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = SuperUser,
    }.ConnectionString;

    /// <summary>Creates an empty database (a fresh name unless one is given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= NewDatabaseName();
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>A database name no other test uses (the studio may create it itself).</summary>
    public static string NewDatabaseName() => "studio_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The studio settings that put its database on <paramref name="connectionString"/>.</summary>
    public static IReadOnlyDictionary<string, string?> StudioSettings(string connectionString) => new Dictionary<string, string?>
    {
        ["Data:Provider"] = "PostgreSql",
        ["Data:ConnectionString"] = connectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _root, RunsAsRoot, CancellationToken.None);
        }
        finally
        {
            TryDelete(_root);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // fsync off: a test server's data need not survive a power cut, and the disk is shared with other builds.
        var options = string.Join(' ',
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-c", "listen_addresses=" + Host, "-k", _root,
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200", "-c", "shared_buffers=32MB");
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "90", "-o", options, "start"],
                _root, RunsAsRoot, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "(no server log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{log}", e);
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root" || GetUid() == 0;

    private static uint GetUid()
    {
        // /proc/self/status has "Uid: real effective ..." on Linux; no P/Invoke needed.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return line is null ? uint.MaxValue : uint.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string FindBinDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("STUDIO_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(Path.Combine(overridden, "initdb"))
                ? overridden
                : throw new InvalidOperationException($"STUDIO_POSTGRES_BIN={overridden} has no initdb. Point it at the folder of initdb and pg_ctl.");
        }
        // Debian keeps the server binaries out of PATH, one folder per major version.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")) && File.Exists(Path.Combine(d.Bin, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        var found = debian ?? onPath ?? throw new InvalidOperationException(
            "The PostgreSQL server binaries (initdb, pg_ctl) are not in /usr/lib/postgresql/*/bin or on PATH. Install them " +
            "(apt-get install postgresql; ./studio.sh test does it) or set STUDIO_POSTGRES_BIN to their folder.");
        if (RunsAsRoot && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(ServiceUser + ":", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "The tests run as root and PostgreSQL refuses to; they start it as the 'postgres' user, which does not exist " +
                "here. Install Debian's postgresql package (it creates the user) or run the tests as an ordinary user.");
        }
        return found;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServiceUser ? "runuser" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in (string[])["-u", ServiceUser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A server process still closing a file; the temporary folder is the OS's to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

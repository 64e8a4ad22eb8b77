using System.Diagnostics;
using System.Text;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Testing;

/// <summary>
/// A real `worker` process of the studio binary (dotnet ExplainerStudio.Web.dll worker), configured through environment
/// variables the way a deployment would, with its output kept for failure messages.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public WorkerProcess(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExplainerStudio.Web.dll"));
        start.ArgumentList.Add("worker");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Waits until the worker's row is in the workers list (its engine has started) and returns it. Generous: on a
    /// shared two-core machine under heavy load a process start with ONNX Runtime was seen to take over two minutes.
    /// </summary>
    public async Task<Worker> WaitUntilRegisteredAsync(IServiceProvider services, int timeoutSeconds = 300)
    {
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync())
            {
                if (await context.Workers.AsNoTracking().FirstOrDefaultAsync(w => w.ProcessId == ProcessId) is { } row)
                {
                    return row;
                }
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The worker process exited with {_process.ExitCode} before registering:\n{Log}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker process never registered:\n{Log}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a machine losing power under the worker.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

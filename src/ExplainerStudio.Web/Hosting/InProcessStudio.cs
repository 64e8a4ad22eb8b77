using System.Diagnostics;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// The studio exactly as Program.cs composes it (real Kestrel on a real socket), run inside the calling process so that
/// a benchmark can read the server's own managed heap and working set. It runs the assembly's entry point on a thread
/// of its own and catches the host as it is built (the hosting library announces every built host on its diagnostic
/// listener, which is also how WebApplicationFactory finds it); stopping it lets Program's app.Run() return.
/// </summary>
public sealed class InProcessStudio : IAsyncDisposable
{
    private readonly Task _run;
    private readonly IHost _host;
    private readonly Dictionary<string, string?> _previousEnvironment;

    private InProcessStudio(Task run, IHost host, Dictionary<string, string?> previousEnvironment)
    {
        _run = run;
        _host = host;
        _previousEnvironment = previousEnvironment;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the studio on <paramref name="url"/>; <paramref name="settings"/> are configuration keys (with "__" for
    /// ":"), set as environment variables for the start-up and restored on dispose.
    /// </summary>
    public static async Task<InProcessStudio> StartAsync(string url, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var previous = settings.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listeners = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == "HostBuilt" && e.Value is IHost host)
                    {
                        built.TrySetResult(host);
                    }
                }));
            }
        }));

        var entryPoint = typeof(Program).Assembly.EntryPoint ?? throw new InvalidOperationException("The studio assembly has no entry point.");
        var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                entryPoint.Invoke(null, [new[] { "--urls", url }]);
                run.TrySetResult();
            }
            catch (Exception e)
            {
                built.TrySetException(e);
                run.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "In-process studio" };
        thread.Start();
        var host = await built.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return new InProcessStudio(run.Task, host, previous);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        try
        {
            await _run.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            foreach (var (key, value) in _previousEnvironment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}

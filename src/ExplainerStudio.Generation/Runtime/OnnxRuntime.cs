using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// The studio's ONNX Runtime, over the official managed package: picks the execution provider once and creates one
/// cached session per model file. Register it as a singleton; disposing it at shutdown releases every session. The
/// process-wide ORT environment itself lives until the process exits.
/// </summary>
public sealed partial class OnnxRuntime : IDisposable
{
    private const string CudaProviderName = "CUDAExecutionProvider";
    private const string CudaRequirement = "CUDA 13 and cuDNN 9";

    private readonly OnnxRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<ModelSession>> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _providerGate = new();
    private ExecutionProviderReport _report;
    private bool _disposed;

    /// <summary>Initialises ONNX Runtime and decides the execution provider.</summary>
    /// <exception cref="OnnxRuntimeException">The native library cannot be loaded, or CUDA was required and cannot load.</exception>
    public OnnxRuntime(OnnxRuntimeOptions options, ILogger<OnnxRuntime>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Ort.OrtEnv environment = LoadEnvironment();
        Version = environment.GetVersionString();
        AvailableProviders = environment.GetAvailableProviders();
        _report = ChooseProvider();
        LogProvider(_logger, _report.ProviderName, _report.Requested, Version, _report.Package, _report.Reason ?? "as configured");
    }

    /// <summary>The ONNX Runtime build this assembly was compiled against: <c>Cpu</c> or <c>Gpu</c> (MSBuild <c>OrtFlavor</c>).</summary>
    public static string Flavor { get; } =
        typeof(OnnxRuntime).Assembly.GetCustomAttribute<OrtFlavorAttribute>()?.Flavor ?? "Cpu";

    /// <summary>The NuGet package that supplies the native library for <see cref="Flavor"/>.</summary>
    public static string PackageName => IsGpuBuild ? "Microsoft.ML.OnnxRuntime.Gpu.Linux" : "Microsoft.ML.OnnxRuntime";

    /// <summary>The ONNX Runtime version reported by the loaded library, e.g. "1.31.1".</summary>
    public string Version { get; }

    /// <summary>
    /// The execution providers compiled into the loaded library. The GPU build lists CUDA even on a machine that
    /// cannot run it; <see cref="ExecutionProvider"/> says what really runs.
    /// </summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>
    /// The requested and active provider. It can change once, from CUDA to CPU, when <see cref="ExecutionProviderKind.Auto"/>
    /// finds that a session cannot be created on CUDA; sessions created before that keep their provider.
    /// </summary>
    public ExecutionProviderReport ExecutionProvider => Volatile.Read(ref _report);

    private static bool IsGpuBuild => string.Equals(Flavor, "Gpu", StringComparison.Ordinal);

    /// <summary>
    /// The session for a model file, created on first use (inputs, outputs and metadata are read then) and cached
    /// by full path until the runtime is disposed or the model is unloaded.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">The file is missing or is not a model ONNX Runtime can load.</exception>
    public ModelSession GetSession(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ObjectDisposedException.ThrowIf(_disposed, this);
        string fullPath = Path.GetFullPath(modelPath);
        Lazy<ModelSession> entry = _sessions.GetOrAdd(
            fullPath,
            static (path, runtime) => new Lazy<ModelSession>(() => runtime.CreateSession(path), LazyThreadSafetyMode.ExecutionAndPublication),
            this);
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed load is not cached: the file may be fixed and loaded again.
            _sessions.TryRemove(KeyValuePair.Create(fullPath, entry));
            throw;
        }
    }

    /// <summary>Releases the cached session of a model file (once its in-flight runs finish); false if none was loaded.</summary>
    public bool UnloadSession(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (_sessions.TryRemove(Path.GetFullPath(modelPath), out Lazy<ModelSession>? entry) && entry.IsValueCreated)
        {
            entry.Value.Release();
            return true;
        }

        return false;
    }

    /// <summary>Releases every cached session; runs still in flight finish first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Lazy<ModelSession> entry in _sessions.Values)
        {
            if (entry.IsValueCreated)
            {
                entry.Value.Release();
            }
        }

        _sessions.Clear();
    }

    private static Ort.OrtEnv LoadEnvironment()
    {
        try
        {
            return Ort.OrtEnv.Instance();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.Fail,
                $"The ONNX Runtime native library from {PackageName} could not be loaded: {e.GetBaseException().Message} Rebuild the studio so that libonnxruntime.so is copied beside it (dotnet build restores it from NuGet).",
                innerException: e);
        }
    }

    private ExecutionProviderReport ChooseProvider()
    {
        ExecutionProviderKind requested = _options.ExecutionProvider;
        if (requested == ExecutionProviderKind.Cpu)
        {
            return Report(ExecutionProviderKind.Cpu, reason: null);
        }

        // Listing the providers cannot tell whether CUDA works (the GPU build always lists it); appending it loads the
        // provider library and its CUDA and cuDNN dependencies, and the failure names what is missing.
        string? failure = null;
        OrtErrorCode code = OrtErrorCode.Fail;
        Exception? cause = null;
        using (var probe = new Ort.SessionOptions())
        {
            try
            {
                AppendCuda(probe);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                (code, failure) = OrtFailure.Parse(e.Message);
                cause = e;
            }
            catch (EntryPointNotFoundException e)
            {
                // The CPU package's library has no CUDA entry points at all.
                failure = e.Message;
                cause = e;
            }
        }

        if (failure is null)
        {
            return Report(ExecutionProviderKind.Cuda, reason: null);
        }

        string reason = CudaUnavailableReason(failure);
        if (requested == ExecutionProviderKind.Cuda)
        {
            throw new OnnxRuntimeException(
                code,
                $"Generation:ExecutionProvider is Cuda, but CUDA cannot run here. {reason} Or set Generation:ExecutionProvider to Auto (CUDA when it loads, else the CPU) or Cpu.",
                failure,
                innerException: cause);
        }

        return Report(ExecutionProviderKind.Cpu, reason);
    }

    /// <summary>The reason for a fallback, as something a user can act on.</summary>
    private string CudaUnavailableReason(string failure)
    {
        if (!IsGpuBuild || !AvailableProviders.Contains(CudaProviderName, StringComparer.Ordinal))
        {
            return $"This studio was built with the CPU-only ONNX Runtime ({PackageName} {Version}), which has no CUDA provider. " +
                   $"For a GPU, build it with -p:OrtFlavor=Gpu (./studio.sh start --gpu) on a host with an NVIDIA driver, {CudaRequirement}.";
        }

        string[] missing = MissingLibrary().Matches(failure).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();
        string what = missing.Length > 0
            ? $"{string.Join(", ", missing)} could not be loaded"
            : "its CUDA provider did not load";
        return $"The GPU build of ONNX Runtime ({PackageName} {Version}) is installed, but {what} (ONNX Runtime says: {failure}). " +
               $"It needs an NVIDIA driver, {CudaRequirement} on the host (or NVIDIA's CUDA 13 cuDNN runtime image run with --gpus all); install them and restart the studio.";
    }

    [GeneratedRegex(@"(lib[\w.+-]+?\.so[\w.]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();

    private ExecutionProviderReport Report(ExecutionProviderKind active, string? reason) => new(
        _options.ExecutionProvider,
        active,
        active == ExecutionProviderKind.Cuda ? _options.CudaDeviceId : null,
        reason,
        Version,
        PackageName);

    private ModelSession CreateSession(string path)
    {
        if (!File.Exists(path))
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.NoSuchFile,
                $"Model file '{path}' does not exist.",
                modelPath: path);
        }

        ExecutionProviderKind provider = ExecutionProvider.Active;
        try
        {
            return CreateSession(path, provider);
        }
        catch (OnnxRuntimeException cudaFailure) when (provider == ExecutionProviderKind.Cuda && _options.ExecutionProvider == ExecutionProviderKind.Auto)
        {
            // CUDA loaded but this machine cannot run it (no device, driver too old, out of memory). If the CPU can
            // load the model, Auto carries on there and says why; otherwise the CPU's error is the useful one.
            ModelSession session = CreateSession(path, ExecutionProviderKind.Cpu);
            string cause = cudaFailure.OrtMessage ?? cudaFailure.Message;
            lock (_providerGate)
            {
                if (_report.Active == ExecutionProviderKind.Cuda)
                {
                    Volatile.Write(ref _report, Report(
                        ExecutionProviderKind.Cpu,
                        $"CUDA loaded but could not create a session for '{path}' ({cause}); generation runs on the CPU. Check the NVIDIA driver (nvidia-smi), that the container was started with --gpus all, and Generation:CudaDeviceId and CudaMemoryLimitBytes."));
                    LogFallback(_logger, path, cause);
                }
            }

            return session;
        }
    }

    private ModelSession CreateSession(string path, ExecutionProviderKind provider)
    {
        Ort.InferenceSession session;
        using (Ort.SessionOptions sessionOptions = CreateSessionOptions(provider))
        {
            try
            {
                session = new Ort.InferenceSession(path, sessionOptions);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                OnnxRuntimeException error = OrtFailure.From(e, $"load model '{path}'", path);
                throw error.ErrorCode is OrtErrorCode.InvalidProtobuf or OrtErrorCode.InvalidGraph or OrtErrorCode.NoModel
                    ? new OnnxRuntimeException(
                        error.ErrorCode,
                        $"'{path}' is not a valid ONNX model that ONNX Runtime {Version} can load: {error.OrtMessage} Re-export or re-download the file.",
                        error.OrtMessage,
                        path,
                        e)
                    : error;
            }
        }

        try
        {
            var model = new ModelSession(session, path, provider, _options.CudaDeviceId);
            LogSessionLoaded(_logger, path, provider, model.Inputs.Count, model.Outputs.Count);
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The session options every session gets; internal so the benchmark can build a bare session alike.</summary>
    internal Ort.SessionOptions CreateSessionOptions(ExecutionProviderKind provider)
    {
        var sessionOptions = new Ort.SessionOptions();
        try
        {
            if (_options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = _options.IntraOpThreads;
            }

            if (_options.InterOpThreads > 0)
            {
                sessionOptions.InterOpNumThreads = _options.InterOpThreads;
            }

            sessionOptions.GraphOptimizationLevel = (Ort.GraphOptimizationLevel)(int)_options.GraphOptimizationLevel;
            string spinning = _options.AllowThreadSpinning ? "1" : "0";
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning);
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", spinning);
            if (provider == ExecutionProviderKind.Cuda)
            {
                AppendCuda(sessionOptions);
            }

            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private void AppendCuda(Ort.SessionOptions sessionOptions)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device_id"] = _options.CudaDeviceId.ToString(CultureInfo.InvariantCulture),
            ["cudnn_conv_algo_search"] = _options.CudnnConvAlgorithmSearch.ToString().ToUpperInvariant(),
            ["arena_extend_strategy"] = "k" + _options.CudaArenaExtendStrategy,
            ["do_copy_in_default_stream"] = "1",
        };
        if (_options.CudaMemoryLimitBytes is long limit)
        {
            settings["gpu_mem_limit"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        // The options object itself already fails on the CPU package ("CUDA execution provider is not enabled in
        // this build"); the GPU package fails on append when the CUDA or cuDNN libraries are missing.
        using var cuda = new Ort.OrtCUDAProviderOptions();
        cuda.UpdateOptions(settings);
        sessionOptions.AppendExecutionProvider_CUDA(cuda);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime {Version} ({Package}): execution provider {Provider} (requested {Requested}; {Reason})")]
    private static partial void LogProvider(ILogger logger, string provider, ExecutionProviderKind requested, string version, string package, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA could not create a session for {ModelPath}; falling back to the CPU: {Reason}")]
    private static partial void LogFallback(ILogger logger, string modelPath, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {ModelPath} on {Provider} ({InputCount} inputs, {OutputCount} outputs)")]
    private static partial void LogSessionLoaded(ILogger logger, string modelPath, ExecutionProviderKind provider, int inputCount, int outputCount);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ExplainerStudio.Generation.Runtime.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// The studio's ONNX Runtime: loads the native library (once per process), picks the execution provider and
/// creates one cached session per model file. Register it as a singleton; disposing it at shutdown releases every
/// session. The process-wide ORT environment itself lives until the process exits.
/// </summary>
public sealed unsafe partial class OnnxRuntime : IDisposable
{
    private const string CudaProviderName = "CUDAExecutionProvider";

    private readonly OnnxRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly OrtLibrary _library;
    private readonly ConcurrentDictionary<string, Lazy<ModelSession>> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _providerGate = new();
    private ExecutionProviderReport _report;
    private bool _disposed;

    /// <summary>Loads the library and decides the execution provider.</summary>
    /// <exception cref="OnnxRuntimeException">The library cannot be loaded, or CUDA was required and cannot load.</exception>
    public OnnxRuntime(OnnxRuntimeOptions options, ILogger<OnnxRuntime>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _library = OrtLibrary.Load(ResolveLibraryPath(options.OnnxRuntimeLibrary));
        AvailableProviders = _library.GetAvailableProviders();
        _report = ChooseProvider();
        LogProvider(_logger, _report.ProviderName, _report.Requested, _library.Version, _library.Path, _report.Reason ?? "as configured");
    }

    /// <summary>The library beside the assembly that the build copies there (the CPU build from npm).</summary>
    public static string DefaultLibraryPath => Path.Combine(AppContext.BaseDirectory, DefaultLibraryFileName);

    /// <summary>The ONNX Runtime version reported by the loaded library, e.g. "1.30.0".</summary>
    public string Version => _library.Version;

    /// <summary>The execution providers compiled into the loaded library.</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>
    /// The requested and active provider. It can change once, from CUDA to CPU, when <see cref="ExecutionProviderKind.Auto"/>
    /// finds that a session cannot be created on CUDA; sessions created before that keep their provider.
    /// </summary>
    public ExecutionProviderReport ExecutionProvider => Volatile.Read(ref _report);

    private static string DefaultLibraryFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so.1";

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

    private static string ResolveLibraryPath(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DefaultLibraryPath;
        }

        // A bare file name is left to the system's library search; anything with a directory is a file we expect.
        bool hasDirectory = configured.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                            configured.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
        if (!hasDirectory)
        {
            return configured;
        }

        string full = Path.GetFullPath(configured);
        return File.Exists(full)
            ? full
            : throw new OnnxRuntimeException(
                OrtErrorCode.NoSuchFile,
                $"The ONNX Runtime library '{full}' (Generation:OnnxRuntimeLibrary) does not exist. Fix the path, or leave it empty to use the bundled CPU library.");
    }

    private ExecutionProviderReport ChooseProvider()
    {
        ExecutionProviderKind requested = _options.ExecutionProvider;
        if (requested == ExecutionProviderKind.Cpu)
        {
            return Report(ExecutionProviderKind.Cpu, reason: null);
        }

        // The only reliable test is to append the provider: it loads the CUDA provider library and its CUDA/cuDNN
        // dependencies, and ORT's message says which piece is missing.
        OnnxRuntimeException? failure = null;
        nint sessionOptions = CreateSessionOptions(ExecutionProviderKind.Cpu, "check the CUDA execution provider");
        try
        {
            AppendCuda(sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            failure = ex;
        }
        finally
        {
            _library.Api.ReleaseSessionOptions(sessionOptions);
        }

        if (failure is null)
        {
            return Report(ExecutionProviderKind.Cuda, reason: null);
        }

        string reason = CudaUnavailableReason(failure.OrtMessage ?? failure.Message);
        if (requested == ExecutionProviderKind.Cuda)
        {
            throw new OnnxRuntimeException(
                failure.ErrorCode,
                $"Generation:ExecutionProvider is Cuda, but CUDA cannot run here. {reason} Install a CUDA build of ONNX Runtime with its CUDA and cuDNN libraries and point Generation:OnnxRuntimeLibrary at it, or set Generation:ExecutionProvider to Auto or Cpu.",
                failure.OrtMessage,
                innerException: failure);
        }

        return Report(ExecutionProviderKind.Cpu, reason);
    }

    private string CudaUnavailableReason(string ortMessage)
    {
        string build = AvailableProviders.Contains(CudaProviderName, StringComparer.Ordinal)
            ? "the build supports CUDA, but its provider library or the CUDA and cuDNN libraries it needs did not load"
            : $"the build offers only {string.Join(", ", AvailableProviders)}";
        return $"The CUDA execution provider could not be loaded from ONNX Runtime {_library.Version} ('{_library.Path}'; {build}): {WithoutSourceLocation(ortMessage)}";
    }

    /// <summary>ORT prefixes provider errors with its source file, line and error code; the UI needs only the cause.</summary>
    private static string WithoutSourceLocation(string ortMessage)
    {
        Match match = OrtErrorPrefix().Match(ortMessage);
        return (match.Success ? ortMessage[(match.Index + match.Length)..] : ortMessage).Trim();
    }

    [GeneratedRegex(@"\[ONNXRuntimeError\] : \d+ : \w+ : ")]
    private static partial Regex OrtErrorPrefix();

    private ExecutionProviderReport Report(ExecutionProviderKind active, string? reason) => new(
        _options.ExecutionProvider,
        active,
        active == ExecutionProviderKind.Cuda ? _options.CudaDeviceId : null,
        reason,
        _library.Version,
        _library.Path);

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
            lock (_providerGate)
            {
                if (_report.Active == ExecutionProviderKind.Cuda)
                {
                    Volatile.Write(ref _report, Report(ExecutionProviderKind.Cpu, $"CUDA could not create a session for '{path}': {cudaFailure.OrtMessage ?? cudaFailure.Message}"));
                    LogFallback(_logger, path, cudaFailure.OrtMessage ?? cudaFailure.Message);
                }
            }

            return session;
        }
    }

    private ModelSession CreateSession(string path, ExecutionProviderKind provider)
    {
        string operation = $"load model '{path}'";
        nint sessionOptions = CreateSessionOptions(provider, operation);
        nint session;
        nint status;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                fixed (char* widePath = path)
                {
                    status = _library.Api.CreateSession(_library.Environment, widePath, sessionOptions, &session);
                }
            }
            else
            {
                using var utf8Path = new NativeUtf8(path);
                status = _library.Api.CreateSession(_library.Environment, utf8Path.Pointer, sessionOptions, &session);
            }
        }
        finally
        {
            _library.Api.ReleaseSessionOptions(sessionOptions);
        }

        if (status != 0)
        {
            OnnxRuntimeException error = _library.ToException(status, operation, path);
            throw error.ErrorCode is OrtErrorCode.InvalidProtobuf or OrtErrorCode.InvalidGraph or OrtErrorCode.NoModel
                ? new OnnxRuntimeException(
                    error.ErrorCode,
                    $"'{path}' is not a valid ONNX model that ONNX Runtime {_library.Version} can load: {error.OrtMessage} Re-export or re-download the file.",
                    error.OrtMessage,
                    path,
                    error)
                : error;
        }

        var handle = new OrtSessionHandle(_library, session);
        try
        {
            var model = new ModelSession(_library, handle, path, provider, _options.CudaDeviceId);
            LogSessionLoaded(_logger, path, provider, model.Inputs.Count, model.Outputs.Count);
            return model;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private nint CreateSessionOptions(ExecutionProviderKind provider, string operation)
    {
        OrtApi api = _library.Api;
        nint sessionOptions;
        _library.Check(api.CreateSessionOptions(&sessionOptions), operation, null);
        try
        {
            if (_options.IntraOpThreads > 0)
            {
                _library.Check(api.SetIntraOpNumThreads(sessionOptions, _options.IntraOpThreads), operation, null);
            }

            if (_options.InterOpThreads > 0)
            {
                _library.Check(api.SetInterOpNumThreads(sessionOptions, _options.InterOpThreads), operation, null);
            }

            _library.Check(api.SetSessionGraphOptimizationLevel(sessionOptions, (int)_options.GraphOptimizationLevel), operation, null);
            string spinning = _options.AllowThreadSpinning ? "1" : "0";
            AddConfigEntry(sessionOptions, "session.intra_op.allow_spinning", spinning, operation);
            AddConfigEntry(sessionOptions, "session.inter_op.allow_spinning", spinning, operation);
            if (provider == ExecutionProviderKind.Cuda)
            {
                AppendCuda(sessionOptions);
            }

            return sessionOptions;
        }
        catch
        {
            api.ReleaseSessionOptions(sessionOptions);
            throw;
        }
    }

    private void AddConfigEntry(nint sessionOptions, string key, string value, string operation)
    {
        using var nativeKey = new NativeUtf8(key);
        using var nativeValue = new NativeUtf8(value);
        _library.Check(_library.Api.AddSessionConfigEntry(sessionOptions, nativeKey.Pointer, nativeValue.Pointer), operation, null);
    }

    private void AppendCuda(nint sessionOptions)
    {
        const string Operation = "set up the CUDA execution provider";
        OrtApi api = _library.Api;
        nint cudaOptions;
        _library.Check(api.CreateCudaProviderOptions(&cudaOptions), Operation, null);
        try
        {
            var settings = new List<(string Key, string Value)>
            {
                ("device_id", _options.CudaDeviceId.ToString(CultureInfo.InvariantCulture)),
                ("cudnn_conv_algo_search", _options.CudnnConvAlgorithmSearch.ToString().ToUpperInvariant()),
                ("do_copy_in_default_stream", "1"),
            };
            if (_options.CudaMemoryLimitBytes is long limit)
            {
                settings.Add(("gpu_mem_limit", limit.ToString(CultureInfo.InvariantCulture)));
            }

            var keys = settings.Select(s => new NativeUtf8(s.Key)).ToArray();
            var values = settings.Select(s => new NativeUtf8(s.Value)).ToArray();
            try
            {
                byte** keyPointers = stackalloc byte*[keys.Length];
                byte** valuePointers = stackalloc byte*[values.Length];
                for (int i = 0; i < keys.Length; i++)
                {
                    keyPointers[i] = keys[i].Pointer;
                    valuePointers[i] = values[i].Pointer;
                }

                _library.Check(api.UpdateCudaProviderOptions(cudaOptions, keyPointers, valuePointers, (nuint)keys.Length), Operation, null);
                _library.Check(api.SessionOptionsAppendExecutionProviderCudaV2(sessionOptions, cudaOptions), Operation, null);
            }
            finally
            {
                foreach (NativeUtf8 s in keys.Concat(values))
                {
                    s.Dispose();
                }
            }
        }
        finally
        {
            api.ReleaseCudaProviderOptions(cudaOptions);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime {Version} from {LibraryPath}: execution provider {Provider} (requested {Requested}; {Reason})")]
    private static partial void LogProvider(ILogger logger, string provider, ExecutionProviderKind requested, string version, string libraryPath, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA could not create a session for {ModelPath}; falling back to the CPU: {Reason}")]
    private static partial void LogFallback(ILogger logger, string modelPath, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {ModelPath} on {Provider} ({InputCount} inputs, {OutputCount} outputs)")]
    private static partial void LogSessionLoaded(ILogger logger, string modelPath, ExecutionProviderKind provider, int inputCount, int outputCount);
}

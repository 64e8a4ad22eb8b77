using System.Globalization;
using System.Runtime.InteropServices;

namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>
/// The loaded native library, its function table and the process's single <c>OrtEnv</c>. ONNX Runtime keeps one
/// environment per process and sessions hold on to it, so it is created on first use and lives until the process
/// exits rather than being released and re-created between runtimes.
/// </summary>
internal sealed unsafe class OrtLibrary
{
    /// <summary>The API version this binding was written against (ONNX Runtime 1.30).</summary>
    public const uint ApiVersion = 30;

    /// <summary>The oldest API version whose table holds every ordinal in <see cref="OrtApi"/>.</summary>
    public const uint MinimumApiVersion = 16;

    private const int LoggingLevelWarning = 2;
    private const int OrtDeviceAllocator = 0;
    private const int OrtMemTypeDefault = 0;

    private static readonly Lock LoadGate = new();
    private static OrtLibrary? s_loaded;

    private OrtLibrary(string path, nint handle, OrtApi api, string version, uint apiVersion)
    {
        Path = path;
        Handle = handle;
        Api = api;
        Version = version;
        NegotiatedApiVersion = apiVersion;

        nint env;
        using (var logId = new NativeUtf8("ExplainerStudio"))
        {
            Check(Api.CreateEnv(LoggingLevelWarning, logId.Pointer, &env), "create the ONNX Runtime environment", null);
        }

        Environment = env;

        nint memoryInfo;
        Check(Api.CreateCpuMemoryInfo(OrtDeviceAllocator, OrtMemTypeDefault, &memoryInfo), "describe CPU memory", null);
        CpuMemoryInfo = memoryInfo;

        nint allocator;
        Check(Api.GetAllocatorWithDefaultOptions(&allocator), "get the default allocator", null);
        DefaultAllocator = allocator;
    }

    public string Path { get; }

    public nint Handle { get; }

    public OrtApi Api { get; }

    public string Version { get; }

    public uint NegotiatedApiVersion { get; }

    public nint Environment { get; }

    /// <summary>Describes caller-owned host buffers that tensors are created over; never released.</summary>
    public nint CpuMemoryInfo { get; }

    /// <summary>ORT's default CPU allocator; it must never be freed.</summary>
    public nint DefaultAllocator { get; }

    /// <summary>Loads the library once per process; a later request for a different file is refused.</summary>
    public static OrtLibrary Load(string path)
    {
        lock (LoadGate)
        {
            if (s_loaded is not null)
            {
                if (!string.Equals(s_loaded.Path, path, StringComparison.Ordinal))
                {
                    throw new OnnxRuntimeException(
                        OrtErrorCode.Fail,
                        $"ONNX Runtime is already loaded from '{s_loaded.Path}' in this process, so '{path}' cannot be loaded too. " +
                        "Restart the studio after changing Generation:OnnxRuntimeLibrary.");
                }

                return s_loaded;
            }

            s_loaded = LoadCore(path);
            return s_loaded;
        }
    }

    /// <summary>Throws <see cref="OnnxRuntimeException"/> for a non-null status, after releasing it.</summary>
    public void Check(nint status, string operation, string? modelPath)
    {
        if (status != 0)
        {
            throw ToException(status, operation, modelPath);
        }
    }

    /// <summary>Turns a non-null status into an exception and releases the status; <paramref name="operation"/> names the model itself when there is one.</summary>
    public OnnxRuntimeException ToException(nint status, string operation, string? modelPath)
    {
        OrtErrorCode code = Api.GetErrorCode(status);
        string ortMessage = Marshal.PtrToStringUTF8((nint)Api.GetErrorMessage(status)) ?? string.Empty;
        Api.ReleaseStatus(status);
        return new OnnxRuntimeException(code, $"ONNX Runtime could not {operation}: {ortMessage}", ortMessage, modelPath);
    }

    /// <summary>Creates an <c>OrtMemoryInfo</c> for CUDA device memory; the caller releases it.</summary>
    public nint CreateCudaMemoryInfo(int deviceId)
    {
        nint memoryInfo;
        using var name = new NativeUtf8("Cuda");
        Check(Api.CreateMemoryInfo(name.Pointer, OrtDeviceAllocator, deviceId, OrtMemTypeDefault, &memoryInfo), "describe CUDA memory", null);
        return memoryInfo;
    }

    /// <summary>The execution providers compiled into the loaded library, e.g. CPUExecutionProvider.</summary>
    public IReadOnlyList<string> GetAvailableProviders()
    {
        byte** names;
        int count;
        Check(Api.GetAvailableProviders(&names, &count), "list its execution providers", null);
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
        }

        Check(Api.ReleaseAvailableProviders(names, count), "release the provider list", null);
        return result;
    }

    private static OrtLibrary LoadCore(string path)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException ex)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.NoSuchFile,
                $"Could not load the ONNX Runtime library '{path}': {ex.Message} " +
                "Set Generation:OnnxRuntimeLibrary to a libonnxruntime.so.1 built for this machine, or rebuild so the bundled CPU library is copied beside the app.",
                innerException: ex);
        }

        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out nint getApiBaseExport))
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.Fail,
                $"'{path}' is not an ONNX Runtime library: it does not export OrtGetApiBase. Point Generation:OnnxRuntimeLibrary at libonnxruntime.so.1.");
        }

        var getApiBase = (delegate* unmanaged<nint*>)getApiBaseExport;
        nint* apiBase = getApiBase();
        var getApi = (delegate* unmanaged<uint, nint>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        string version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";

        // Asking a runtime for an API newer than itself returns null (and logs an error), so start from its own version.
        uint requested = Math.Min(ApiVersion, MinorVersion(version) ?? ApiVersion);
        for (uint apiVersion = requested; apiVersion >= MinimumApiVersion; apiVersion--)
        {
            nint table = getApi(apiVersion);
            if (table != 0)
            {
                return new OrtLibrary(path, handle, new OrtApi(table), version, apiVersion);
            }
        }

        throw new OnnxRuntimeException(
            OrtErrorCode.NotImplemented,
            $"The ONNX Runtime library '{path}' is version {version}, which does not offer API version {MinimumApiVersion} or later. Use ONNX Runtime 1.{MinimumApiVersion} or newer.");
    }

    private static uint? MinorVersion(string version)
    {
        string[] parts = version.Split('.');
        return parts.Length >= 2 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint minor) ? minor : null;
    }
}

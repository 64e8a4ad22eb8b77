using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

public sealed class OnnxRuntimeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static bool GpuBuild => OnnxRuntime.Flavor == "Gpu";

    [Fact]
    public void OfficialPackage_ReportsItsVersionAndCpuProvider()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        string version = GpuBuild ? "1.31.0" : "1.31.1";
        string package = GpuBuild ? "Microsoft.ML.OnnxRuntime.Gpu.Linux" : "Microsoft.ML.OnnxRuntime";

        Assert.Equal(version, runtime.Version);
        Assert.Contains("CPUExecutionProvider", runtime.AvailableProviders);
        Assert.Equal(new ExecutionProviderReport(ExecutionProviderKind.Cpu, ExecutionProviderKind.Cpu, null, null, version, package), runtime.ExecutionProvider);
        Assert.Equal($"cpu, ONNX Runtime {version}", runtime.ExecutionProvider.RecipeName);
    }

    [Fact]
    public void TheBuildsFlavour_IsTheOneThePackageProvides()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });

        Assert.Equal(GpuBuild, runtime.AvailableProviders.Contains("CUDAExecutionProvider"));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so")), "the linux-x64 native library is copied beside the tests");
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "win-x64")), "only linux-x64 natives are copied");
    }

    [Fact]
    public void Auto_WithoutCuda_FallsBackToCpuAndSaysWhy()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Auto, CudaDeviceId = 0, CudaMemoryLimitBytes = 1L << 30 });

        ExecutionProviderReport report = runtime.ExecutionProvider;
        Assert.Equal(ExecutionProviderKind.Auto, report.Requested);
        Assert.Equal(ExecutionProviderKind.Cpu, report.Active);
        Assert.True(report.IsFallback);
        Assert.Equal("cpu", report.ProviderName);
        Assert.Contains("CUDA 13 and cuDNN 9", report.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("[ErrorCode:", report.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("[ONNXRuntimeError]", report.Reason, StringComparison.Ordinal);
        if (GpuBuild)
        {
            // ORT names the library it could not open, e.g. libcublasLt.so.13 or libcudnn.so.9.
            Assert.StartsWith("The GPU build of ONNX Runtime (Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0) is installed, but lib", report.Reason, StringComparison.Ordinal);
            Assert.Contains(".so", report.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("This studio was built with the CPU-only ONNX Runtime (Microsoft.ML.OnnxRuntime 1.31.1)", report.Reason, StringComparison.Ordinal);
            Assert.Contains("-p:OrtFlavor=Gpu", report.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Auto_FallenBackToCpu_StillRunsModels()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Auto });
        ModelSession session = runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));

        var sum = session.Run(new Dictionary<string, DenseTensor>
        {
            ["a"] = new DenseTensor<float>([1f, 2f, 3f], 1, 3),
            ["b"] = new DenseTensor<float>([1f, 1f, 1f], 1, 3),
        })["sum"].As<float>();

        Assert.Equal(ExecutionProviderKind.Cpu, session.Provider);
        Assert.Equal([2f, 3f, 4f], sum.Span.ToArray());
    }

    [Fact]
    public void Cuda_WhenItCannotLoad_FailsWithAClearMessage()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cuda }));

        Assert.StartsWith("Generation:ExecutionProvider is Cuda, but CUDA cannot run here.", error.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA 13 and cuDNN 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("set Generation:ExecutionProvider to Auto", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.OrtMessage));
    }

    [Fact]
    public void GetSession_CachesOneSessionPerFile()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        string path = TestModels.Add(_folder.File("add.onnx"));
        string roundabout = Path.Combine(_folder.Path, ".", "add.onnx");

        ModelSession first = runtime.GetSession(path);
        ModelSession second = runtime.GetSession(roundabout);
        ModelSession other = runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));

        Assert.Same(first, second);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void FailedLoad_IsNotCached_SoAFixedFileLoads()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        string path = _folder.File("late.onnx");
        File.WriteAllText(path, "not a model");
        Assert.Throws<OnnxRuntimeException>(() => runtime.GetSession(path));

        TestModels.Add(path);

        Assert.Equal(["a", "b"], runtime.GetSession(path).Inputs.Select(i => i.Name));
    }

    [Fact]
    public void DisposedRuntime_RefusesNewSessionsAndItsSessionsStopRunning()
    {
        var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        ModelSession session = runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));

        runtime.Dispose();

        Assert.Throws<ObjectDisposedException>(() => runtime.GetSession(session.ModelPath));
        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, DenseTensor> { ["x"] = new DenseTensor<float>(new float[3], 1, 3) }));
    }

    [Fact]
    public void UnloadSession_ReleasesItAndTheNextRequestLoadsAFreshOne()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        string path = TestModels.Add(_folder.File("add.onnx"));
        ModelSession first = runtime.GetSession(path);

        Assert.True(runtime.UnloadSession(path));

        Assert.NotSame(first, runtime.GetSession(path));
        Assert.False(runtime.UnloadSession(_folder.File("never-loaded.onnx")));
    }

    [Theory]
    [InlineData("[ErrorCode:InvalidArgument] Invalid rank for input: sample Got: 2 Expected: 4", OrtErrorCode.InvalidArgument, "Invalid rank for input: sample Got: 2 Expected: 4")]
    [InlineData("[ErrorCode:Fail] CUDA execution provider is not enabled in this build.", OrtErrorCode.Fail, "CUDA execution provider is not enabled in this build.")]
    [InlineData("[ErrorCode:RuntimeException] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1862 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so", OrtErrorCode.RuntimeException, "Failed to load library libonnxruntime_providers_cuda.so")]
    [InlineData("no prefix at all", OrtErrorCode.Fail, "no prefix at all")]
    public void OrtMessages_AreSplitIntoCodeAndCause(string message, OrtErrorCode code, string cause)
    {
        Assert.Equal((code, cause), OrtFailure.Parse(message));
    }

    [Fact]
    public void Options_ValidateWithDataAnnotations()
    {
        var options = new OnnxRuntimeOptions { CudaDeviceId = -1, IntraOpThreads = 5000, CudaMemoryLimitBytes = 0 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        bool valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal(
            ["CudaDeviceId", "CudaMemoryLimitBytes", "IntraOpThreads"],
            results.SelectMany(r => r.MemberNames).Order(StringComparer.Ordinal));
    }
}

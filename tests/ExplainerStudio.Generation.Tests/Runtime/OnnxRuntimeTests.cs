using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

public sealed class OnnxRuntimeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void BundledLibrary_ReportsItsVersionAndCpuProvider()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });

        Assert.Equal("1.30.0", runtime.Version);
        Assert.Contains("CPUExecutionProvider", runtime.AvailableProviders);
        Assert.Equal(new ExecutionProviderReport(ExecutionProviderKind.Cpu, ExecutionProviderKind.Cpu, null, null, "1.30.0", OnnxRuntime.DefaultLibraryPath), runtime.ExecutionProvider);
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
        Assert.StartsWith("The CUDA execution provider could not be loaded from ONNX Runtime 1.30.0", report.Reason, StringComparison.Ordinal);
        Assert.Contains("the build supports CUDA, but its provider library", report.Reason, StringComparison.Ordinal);
        Assert.Contains("libonnxruntime_providers_shared.so", report.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("[ONNXRuntimeError]", report.Reason, StringComparison.Ordinal);
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
        Assert.Contains("point Generation:OnnxRuntimeLibrary at it", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public void ConfiguredLibraryThatDoesNotExist_IsNamed()
    {
        string path = _folder.File("missing/libonnxruntime.so.1");

        var error = Assert.Throws<OnnxRuntimeException>(() => new OnnxRuntime(new OnnxRuntimeOptions { OnnxRuntimeLibrary = path }));

        Assert.Contains($"'{path}' (Generation:OnnxRuntimeLibrary) does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondLibraryInTheSameProcess_IsRefused()
    {
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        string copy = _folder.File("libonnxruntime-copy.so.1");
        File.WriteAllBytes(copy, [0x7f, 0x45, 0x4c, 0x46]);

        var error = Assert.Throws<OnnxRuntimeException>(() => new OnnxRuntime(new OnnxRuntimeOptions { OnnxRuntimeLibrary = copy }));

        Assert.Contains("is already loaded from", error.Message, StringComparison.Ordinal);
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

using System.Text.Json;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Pipelines;

public sealed class GpuBenchmarkTests
{
    [Fact]
    public void WriteJson_RecordsTheFiguresAndACpuFallbackWithItsReason()
    {
        using var folder = new TempDirectory();
        string path = folder.File("bench/gpu.json");
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Auto });
        var result = new GpuBenchmarkResult(new Dictionary<string, double> { ["execution_provider_is_cuda"] = 0, ["sd_tiny_256_unet_ms_per_step"] = 12.34567 }, runtime.ExecutionProvider);

        GpuBenchmark.WriteJson(result, path);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = json.RootElement;
        Assert.Equal(12.3457, root.GetProperty("sd_tiny_256_unet_ms_per_step").GetDouble());
        Assert.Equal(runtime.ExecutionProvider.RecipeName, root.GetProperty("execution_provider").GetString());
        Assert.Equal(runtime.ExecutionProvider.Package, root.GetProperty("onnx_runtime_package").GetString());
        // This CPU build cannot load CUDA, so Auto fell back and the reason names the way out.
        Assert.True(runtime.ExecutionProvider.IsFallback);
        Assert.Contains("OrtFlavor=Gpu", root.GetProperty("fallback_reason").GetString(), StringComparison.Ordinal);
    }
}

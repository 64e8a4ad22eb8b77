using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>What <see cref="GpuBenchmark"/> measured and on which provider (with the reason when it is not CUDA).</summary>
/// <param name="Figures">Flat name → number pairs; times in milliseconds or seconds as their names say.</param>
/// <param name="Provider">The execution provider that ran, as the runtime reported it.</param>
public sealed record GpuBenchmarkResult(IReadOnlyDictionary<string, double> Figures, ExecutionProviderReport Provider);

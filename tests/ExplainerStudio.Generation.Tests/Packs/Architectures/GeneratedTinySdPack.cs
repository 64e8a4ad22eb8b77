using ExplainerStudio.Generation.Packs.Architectures;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The tiny configuration with Optimum's default conventions (int32 ids, int64 timestep).</summary>
public sealed class GeneratedTinySdPack() : GeneratedSdArchitecturePack(SdArchitectureConfig.Tiny);

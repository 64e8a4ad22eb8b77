using ExplainerStudio.Generation.Packs.Architectures;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The tiny configuration with int64 ids, a float timestep and LCM's timestep_cond.</summary>
public sealed class GeneratedTinyLcmPack() : GeneratedSdArchitecturePack(SdArchitectureConfig.TinyLcm);

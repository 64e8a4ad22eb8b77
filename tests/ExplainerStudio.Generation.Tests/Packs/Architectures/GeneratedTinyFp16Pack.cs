using ExplainerStudio.Generation.Packs.Architectures;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The tiny configuration exported in float16 throughout.</summary>
public sealed class GeneratedTinyFp16Pack() : GeneratedSdArchitecturePack(SdArchitectureConfig.TinyFp16);

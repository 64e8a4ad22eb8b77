namespace ExplainerStudio.Generation.Previz;

/// <summary>One generated file of the previz pack.</summary>
/// <param name="RelativePath">Path inside the pack folder, with '/' separators (e.g. <c>unet/model.onnx</c>).</param>
/// <param name="Content">The file's exact bytes.</param>
public sealed record PrevizPackFile(string RelativePath, ReadOnlyMemory<byte> Content);

namespace ExplainerStudio.Generation.Runtime;

/// <summary>Which ONNX Runtime package the assembly was built against (<c>OrtFlavor</c>: Cpu or Gpu).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class OrtFlavorAttribute(string flavor) : Attribute
{
    /// <summary><c>Cpu</c> (Microsoft.ML.OnnxRuntime) or <c>Gpu</c> (Microsoft.ML.OnnxRuntime.Gpu.Linux).</summary>
    public string Flavor { get; } = flavor;
}

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// Which execution provider was asked for and which one actually runs the models, with the reason when they differ.
/// Shown in the UI's status area, written to the log and recorded in every take's recipe.
/// </summary>
/// <param name="Requested">The configured provider.</param>
/// <param name="Active">The provider that runs sessions: <see cref="ExecutionProviderKind.Cuda"/> or <see cref="ExecutionProviderKind.Cpu"/>.</param>
/// <param name="DeviceId">The CUDA device ordinal when CUDA is active, otherwise null.</param>
/// <param name="Reason">Why the active provider differs from the requested one (ONNX Runtime's own message), or null.</param>
/// <param name="RuntimeVersion">The ONNX Runtime version string reported by the loaded library.</param>
/// <param name="Package">The ONNX Runtime package the studio was built with (its <c>OrtFlavor</c>).</param>
public sealed record ExecutionProviderReport(
    ExecutionProviderKind Requested,
    ExecutionProviderKind Active,
    int? DeviceId,
    string? Reason,
    string RuntimeVersion,
    string Package)
{
    /// <summary>Short name for recipes and logs: <c>cuda:0</c> or <c>cpu</c>.</summary>
    public string ProviderName => Active == ExecutionProviderKind.Cuda
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cuda:{DeviceId ?? 0}")
        : "cpu";

    /// <summary>
    /// What a take's recipe records: the provider and the ONNX Runtime version (<c>cpu, ONNX Runtime 1.31.1</c>), since
    /// either can change the bits of an image.
    /// </summary>
    public string RecipeName => $"{ProviderName}, ONNX Runtime {RuntimeVersion}";

    /// <summary>True when <see cref="ExecutionProviderKind.Auto"/> had to fall back to the CPU.</summary>
    public bool IsFallback => Requested == ExecutionProviderKind.Auto && Active == ExecutionProviderKind.Cpu && Reason is not null;
}

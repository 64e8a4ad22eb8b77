using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

/// <summary>An input of an <see cref="OperatorCase"/>: fed at run time, or written into the model as an initializer.</summary>
public sealed record OperatorInput(string Name, DenseTensor Tensor, bool IsInitializer);

using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

/// <summary>
/// A broad set of ONNX operators, each written as a one-node graph by the project's own ONNX writer and run through
/// the session wrapper twice: a plain run (outputs copied out) and an I/O binding into a pre-allocated output. Both
/// must equal a C# reference computed here, in float32, float16, int32, int64 and bool.
/// </summary>
public sealed class OperatorConformanceTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });

    public void Dispose()
    {
        _runtime.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<string> CaseNames => [.. OperatorCase.All.Select(c => c.Name)];

    [Fact]
    public void TheSetIsBroad()
    {
        Assert.True(OperatorCase.All.Count >= 40, $"only {OperatorCase.All.Count} cases");
        Assert.Contains(OperatorCase.All, c => c.Inputs.Any(i => i.Tensor is DenseTensor<Half>));
        Assert.Contains(OperatorCase.All, c => c.Inputs.Any(i => i.Tensor is DenseTensor<long>));
        Assert.Contains(OperatorCase.All, c => c.Expected is DenseTensor<bool>);
        Assert.Contains(OperatorCase.All, c => c.Inputs.Any(i => i.IsInitializer));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Operator_MatchesTheReference_InAPlainRun(string name)
    {
        OperatorCase test = OperatorCase.Find(name);
        ModelSession session = _runtime.GetSession(test.Write(_folder.File($"{name}.onnx")));

        DenseTensor actual = session.Run(test.Feeds())[OperatorCase.OutputName];

        test.AssertMatches(actual);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Operator_MatchesTheReference_ThroughAnIoBindingIntoAPreallocatedOutput(string name)
    {
        OperatorCase test = OperatorCase.Find(name);
        ModelSession session = _runtime.GetSession(test.Write(_folder.File($"{name}.onnx")));
        DenseTensor output = DenseTensor.Create(test.Expected.ElementType, test.Expected.Shape.ToArray());
        using IoBinding binding = session.CreateBinding();
        foreach ((string input, DenseTensor tensor) in test.Feeds())
        {
            binding.BindInput(input, tensor);
        }

        binding.BindOutput(OperatorCase.OutputName, output);
        binding.Run();
        binding.Run();

        test.AssertMatches(output);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Operator_MatchesTheReference_WithTheOutputLeftOnTheDevice(string name)
    {
        OperatorCase test = OperatorCase.Find(name);
        ModelSession session = _runtime.GetSession(test.Write(_folder.File($"{name}.onnx")));
        using IoBinding binding = session.CreateBinding();
        foreach ((string input, DenseTensor tensor) in test.Feeds())
        {
            binding.BindInputOnDevice(input, tensor);
        }

        binding.BindOutputToDevice(OperatorCase.OutputName);
        binding.Run();

        test.AssertMatches(binding.GetOutput(OperatorCase.OutputName));
    }
}

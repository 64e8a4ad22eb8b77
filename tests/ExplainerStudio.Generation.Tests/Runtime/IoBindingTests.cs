using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

public sealed class IoBindingTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });

    public void Dispose()
    {
        _runtime.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void BoundOutput_EqualsANormalRun()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        var x = new DenseTensor<float>([1f, -2f, 0.5f, 3f, 4f, 5f], 2, 3);
        var y = DenseTensor<float>.Zeros(2, 4);
        using IoBinding binding = session.CreateBinding();
        binding.BindInput("x", x);
        binding.BindOutput("y", y);

        binding.Run();

        float[] expected = session.Run(new Dictionary<string, DenseTensor> { ["x"] = x })["y"].As<float>().Span.ToArray();
        Assert.Equal(expected, y.Span.ToArray());
        Assert.Same(y, binding.GetOutput("y"));
    }

    [Fact]
    public void InputsUpdatedInPlace_AreSeenByTheNextRun()
    {
        ModelSession session = _runtime.GetSession(TestModels.ScalarTimestep(_folder.File("scalar.onnx")));
        var sample = new DenseTensor<float>([1f, 2f], 1, 2);
        var timestep = new DenseTensor<float>([0f]);
        var output = DenseTensor<float>.Zeros(1, 2);
        using IoBinding binding = session.CreateBinding();
        binding.BindInput("sample", sample);
        binding.BindInput("timestep", timestep);
        binding.BindOutput("out_sample", output);
        var results = new List<float[]>();

        for (int step = 0; step < 3; step++)
        {
            timestep.Span[0] = step;
            output.Span.CopyTo(sample.Span);
            sample.Span[0] += 1f;
            binding.BindInput("sample", sample);
            binding.Run();
            results.Add(output.Span.ToArray());
        }

        Assert.Equal([1f, 0f], results[0]);
        Assert.Equal([4f, 2f], results[1]);
        Assert.Equal([9f, 6f], results[2]);
    }

    [Fact]
    public void OutputLeftOnTheDevice_EqualsANormalRun_AndFeedsAnotherSession()
    {
        ModelSession matmul = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        ModelSession identity = _runtime.GetSession(TestModels.Identity(_folder.File("identity.onnx"), Generation.OnnxFormat.OnnxElementType.Float));
        var x = new DenseTensor<float>([1f, 2f, 3f], 1, 3);
        using IoBinding first = matmul.CreateBinding();
        first.BindInput("x", x);
        first.BindOutputToDevice("y");
        first.Run();
        var copy = DenseTensor<float>.Zeros(1, 4);

        DenseTensor<float> y = first.GetOutput("y").As<float>();
        first.CopyOutputTo("y", copy);

        float[] expected = matmul.Run(new Dictionary<string, DenseTensor> { ["x"] = x })["y"].As<float>().Span.ToArray();
        Assert.Equal(expected, y.Span.ToArray());
        Assert.Equal(expected, copy.Span.ToArray());

        using IoBinding second = identity.CreateBinding();
        var flat = new DenseTensor<float>(y.Memory, 4);
        second.BindInput("value", flat);
        second.BindOutputToDevice("same");
        second.Run();
        Assert.Equal(expected, second.GetOutput("same").As<float>().Span.ToArray());
    }

    [Fact]
    public void DeviceOutput_ChainsIntoAnotherBindingWithoutAHostCopy()
    {
        ModelSession add = _runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));
        using IoBinding producer = add.CreateBinding();
        producer.BindInput("a", new DenseTensor<float>([1f, 2f, 3f], 1, 3));
        producer.BindInput("b", new DenseTensor<float>([10f, 20f, 30f], 1, 3));
        producer.BindOutputToDevice("sum");
        producer.Run();
        using IoBinding consumer = add.CreateBinding();
        var result = DenseTensor<float>.Zeros(1, 3);

        consumer.BindInput("a", producer, "sum");
        consumer.BindInput("b", new DenseTensor<float>([100f, 100f, 100f], 1, 3));
        consumer.BindOutput("sum", result);
        consumer.Run();

        Assert.Equal([111f, 122f, 133f], result.Span.ToArray());
    }

    [Fact]
    public void DeviceOutput_BeforeAnyRun_SaysToRunFirst()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        using IoBinding binding = session.CreateBinding();
        binding.BindInput("x", new DenseTensor<float>(new float[3], 1, 3));
        binding.BindOutputToDevice("y");

        var error = Assert.ThrowsAny<Exception>(() => binding.GetOutput("y"));

        Assert.True(error is InvalidOperationException or OnnxRuntimeException, error.ToString());
    }

    [Fact]
    public void BindingAWrongName_ListsTheModelsInputs()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        using IoBinding binding = session.CreateBinding();

        var error = Assert.Throws<OnnxRuntimeException>(() => binding.BindInput("sample", new DenseTensor<float>(new float[3], 1, 3)));

        Assert.Contains("has no input named 'sample'; its inputs are: x: Float [-1,3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledBindingRun_ThrowsOperationCanceled()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        using IoBinding binding = session.CreateBinding();
        binding.BindInput("x", new DenseTensor<float>(new float[3], 1, 3));
        binding.BindOutput("y", DenseTensor<float>.Zeros(1, 4));

        Assert.ThrowsAny<OperationCanceledException>(() => binding.Run(new CancellationToken(canceled: true)));
    }
}

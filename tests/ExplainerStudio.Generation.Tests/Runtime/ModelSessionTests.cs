using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

public sealed class ModelSessionTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });

    public void Dispose()
    {
        _runtime.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Add_MatchesElementwiseSum()
    {
        ModelSession session = _runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));
        float[] a = [1f, 2f, 3f, -4f, 5.5f, 6f];
        float[] b = [0.5f, -2f, 10f, 4f, 0.25f, -6f];

        var outputs = session.Run(new Dictionary<string, DenseTensor>
        {
            ["a"] = new DenseTensor<float>(a, 2, 3),
            ["b"] = new DenseTensor<float>(b, 2, 3),
        });

        DenseTensor<float> sum = outputs["sum"].As<float>();
        Assert.Equal([2L, 3L], sum.Shape);
        Assert.Equal(a.Zip(b, (x, y) => x + y).ToArray(), sum.Span.ToArray());
    }

    [Fact]
    public void MatMul_WithKnownWeights_MatchesCSharpProduct()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        float[] x = [1f, 2f, 3f, -1f, 0.5f, 4f];

        DenseTensor<float> y = session.Run(new Dictionary<string, DenseTensor> { ["x"] = new DenseTensor<float>(x, 2, 3) })["y"].As<float>();

        float[] w = TestModels.MatMulWeights;
        var expected = new float[8];
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                for (int k = 0; k < 3; k++)
                {
                    expected[(r * 4) + c] += x[(r * 3) + k] * w[(k * 4) + c];
                }
            }
        }

        Assert.Equal([2L, 4L], y.Shape);
        AssertClose(expected, y.Span.ToArray(), 1e-5f);
    }

    [Fact]
    public void Conv_WithKnownWeights_MatchesCSharpConvolution()
    {
        var random = new Random(7);
        float[] weights = Enumerable.Range(0, 3 * 2 * 3 * 3).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] bias = [0.1f, -0.2f, 0.3f];
        float[] image = Enumerable.Range(0, 2 * 5 * 6).Select(_ => (float)random.NextDouble()).ToArray();
        ModelSession session = _runtime.GetSession(TestModels.Conv(_folder.File("conv.onnx"), weights, bias));

        DenseTensor<float> features = session.Run(new Dictionary<string, DenseTensor> { ["image"] = new DenseTensor<float>(image, 1, 2, 5, 6) })["features"].As<float>();

        Assert.Equal([1L, 3L, 5L, 6L], features.Shape);
        AssertClose(ReferenceConv(image, weights, bias, height: 5, width: 6), features.Span.ToArray(), 1e-5f);
    }

    [Fact]
    public void Float16_Int32_Int64_SurviveTheRoundTripBitForBit()
    {
        Half[] halves = [Half.Epsilon, (Half)0.1f, (Half)(-65504f), Half.PositiveInfinity, (Half)1234.5f];
        int[] ints = [int.MinValue, -1, 0, 1, int.MaxValue];
        long[] longs = [long.MinValue, -1, 0, 1L << 40, long.MaxValue];

        Assert.Equal(halves, RoundTrip(OnnxElementType.Float16, halves));
        Assert.Equal(ints, RoundTrip(OnnxElementType.Int32, ints));
        Assert.Equal(longs, RoundTrip(OnnxElementType.Int64, longs));
    }

    [Fact]
    public void Casts_MatchDotNetConversions()
    {
        ModelSession session = _runtime.GetSession(TestModels.Casts(_folder.File("casts.onnx")));
        float[] floats = [0.1f, -3.14159f, 70000f, 1e-8f];
        long[] longs = [1, -2, 300, 1L << 20];

        var outputs = session.Run(new Dictionary<string, DenseTensor>
        {
            ["f"] = new DenseTensor<float>(floats, 4),
            ["l"] = new DenseTensor<long>(longs, 4),
        });

        Assert.Equal(floats.Select(f => (Half)f).ToArray(), outputs["h"].As<Half>().Span.ToArray());
        Assert.Equal(longs.Select(l => (int)l).ToArray(), outputs["i"].As<int>().Span.ToArray());
    }

    [Fact]
    public void RankZeroInput_IsAccepted()
    {
        ModelSession session = _runtime.GetSession(TestModels.ScalarTimestep(_folder.File("scalar.onnx")));

        var output = session.Run(new Dictionary<string, DenseTensor>
        {
            ["sample"] = new DenseTensor<float>([1f, 2f], 1, 2),
            ["timestep"] = new DenseTensor<float>([10f]),
        })["out_sample"].As<float>();

        Assert.Equal(0, session.GetInput("timestep").Rank);
        Assert.Equal([21f, 22f], output.Span.ToArray());
    }

    [Fact]
    public void Session_ReportsNamesTypesDynamicDimensionsAndMetadata()
    {
        ModelSession session = _runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));

        TensorMetadata a = session.GetInput("a");
        Assert.Equal(["a", "b"], session.Inputs.Select(i => i.Name));
        Assert.Equal("sum", Assert.Single(session.Outputs).Name);
        Assert.Equal(TensorElementType.Float, a.ElementType);
        Assert.Equal([-1L, 3L], a.Shape);
        Assert.Equal(["batch", null], a.SymbolicShape);
        Assert.True(a.IsDynamic(0));
        Assert.Equal("binding tests", session.CustomMetadata["purpose"]);
    }

    [Fact]
    public void WrongInputName_IsReportedWithTheModelsInputs()
    {
        string path = TestModels.MatMul(_folder.File("matmul.onnx"));
        ModelSession session = _runtime.GetSession(path);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, DenseTensor>
        {
            ["input"] = new DenseTensor<float>(new float[3], 1, 3),
        }));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Equal(session.ModelPath, error.ModelPath);
        Assert.True(error.Message.Contains("has no input named 'input'", StringComparison.Ordinal), error.Message);
        Assert.Contains("x: Float [-1,3]", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongElementTypeOrShape_IsReportedBeforeRunning()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));

        var typeError = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, DenseTensor> { ["x"] = new DenseTensor<Half>(new Half[3], 1, 3) }));
        var shapeError = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, DenseTensor> { ["x"] = new DenseTensor<float>(new float[4], 1, 4) }));

        Assert.Contains("is Float but a Float16 tensor was given", typeError.Message, StringComparison.Ordinal);
        Assert.Contains("has shape [-1,3]", shapeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInput_IsNamed()
    {
        ModelSession session = _runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, DenseTensor> { ["a"] = new DenseTensor<float>(new float[3], 1, 3) }));

        Assert.Contains("needs the input(s) 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrtsOwnShapeErrors_BecomeTypedExceptionsWithTheModelPath()
    {
        ModelSession session = _runtime.GetSession(TestModels.Add(_folder.File("add.onnx")));

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, DenseTensor>
        {
            ["a"] = new DenseTensor<float>(new float[6], 2, 3),
            ["b"] = new DenseTensor<float>(new float[9], 3, 3),
        }));

        Assert.NotNull(error.OrtMessage);
        Assert.NotEqual(OrtErrorCode.Ok, error.ErrorCode);
        Assert.Contains($"run model '{session.ModelPath}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunInto_WritesIntoPreallocatedOutputs()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        var x = new DenseTensor<float>([1f, 2f, 3f], 1, 3);
        var y = DenseTensor<float>.Zeros(1, 4);

        session.RunInto(new Dictionary<string, DenseTensor> { ["x"] = x }, new Dictionary<string, DenseTensor> { ["y"] = y });

        Assert.Equal(session.Run(new Dictionary<string, DenseTensor> { ["x"] = x })["y"].As<float>().Span.ToArray(), y.Span.ToArray());
    }

    [Fact]
    public void Run_WithNamedOutputs_ReturnsOnlyThose()
    {
        ModelSession session = _runtime.GetSession(TestModels.Casts(_folder.File("casts.onnx")));

        var outputs = session.Run(
            new Dictionary<string, DenseTensor> { ["f"] = new DenseTensor<float>([1f], 1), ["l"] = new DenseTensor<long>([2L], 1) },
            ["i"]);

        Assert.Equal(["i"], outputs.Keys);
    }

    [Fact]
    public void CancelledToken_StopsTheRunWithOperationCanceled()
    {
        ModelSession session = _runtime.GetSession(TestModels.MatMul(_folder.File("matmul.onnx")));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => session.Run(
            new Dictionary<string, DenseTensor> { ["x"] = new DenseTensor<float>(new float[3], 1, 3) },
            cancellationToken: cancellation.Token));
    }

    [Fact]
    public void CancellingDuringARun_StopsItWithOperationCanceled()
    {
        ModelSession session = _runtime.GetSession(TestModels.EndlessLoop(_folder.File("endless.onnx")));
        using var cancellation = new CancellationTokenSource();

        // The loop runs for minutes, so cancelling at any moment after the run starts (or even before it) must end it;
        // a dedicated thread because timer callbacks need a thread-pool thread that parallel tests may all hold.
        var canceller = new Thread(cancellation.Cancel);
        canceller.Start();
        var error = Assert.ThrowsAny<OperationCanceledException>(() => session.Run(
            new Dictionary<string, DenseTensor>
            {
                ["x"] = new DenseTensor<float>([0f], 1),
                ["keep_going"] = new DenseTensor<bool>([true]),
            },
            cancellationToken: cancellation.Token));
        canceller.Join();

        Assert.Equal(cancellation.Token, error.CancellationToken);
        DenseTensor<float> next = session.Run(new Dictionary<string, DenseTensor>
        {
            ["x"] = new DenseTensor<float>([0f], 1),
            ["keep_going"] = new DenseTensor<bool>([false]),
        })["y"].As<float>();
        Assert.Equal([0f], next.Span.ToArray());
    }

    [Fact]
    public void LoopWithItsConditionFalse_StopsAfterTheFirstCheck()
    {
        ModelSession session = _runtime.GetSession(TestModels.EndlessLoop(_folder.File("endless.onnx")));

        DenseTensor<float> y = session.Run(new Dictionary<string, DenseTensor>
        {
            ["x"] = new DenseTensor<float>([5f], 1),
            ["keep_going"] = new DenseTensor<bool>([false]),
        })["y"].As<float>();

        Assert.Equal([5f], y.Span.ToArray());
    }

    [Fact]
    public void GarbageModelFile_GivesAMessageNamingTheFile()
    {
        string path = _folder.File("garbage.onnx");
        File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) ^ 0x5A)).ToArray());

        var error = Assert.Throws<OnnxRuntimeException>(() => _runtime.GetSession(path));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains($"'{path}' is not a valid ONNX model", error.Message, StringComparison.Ordinal);
        Assert.Contains("Re-export or re-download", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedModelFile_GivesAMessageNamingTheFile()
    {
        string path = TestModels.Conv(_folder.File("conv.onnx"), new float[54], new float[3]);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<OnnxRuntimeException>(() => _runtime.GetSession(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFile_SaysSo()
    {
        string path = _folder.File("nowhere/model.onnx");

        var error = Assert.Throws<OnnxRuntimeException>(() => _runtime.GetSession(path));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
        Assert.Equal($"Model file '{path}' does not exist.", error.Message);
    }

    private T[] RoundTrip<T>(OnnxElementType type, T[] values)
        where T : unmanaged
    {
        ModelSession session = _runtime.GetSession(TestModels.Identity(_folder.File($"identity-{type}.onnx"), type));
        return session.Run(new Dictionary<string, DenseTensor> { ["value"] = new DenseTensor<T>(values, values.Length) })["same"].As<T>().Span.ToArray();
    }

    private static float[] ReferenceConv(float[] image, float[] weights, float[] bias, int height, int width)
    {
        var result = new float[3 * height * width];
        for (int o = 0; o < 3; o++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double sum = bias[o];
                    for (int c = 0; c < 2; c++)
                    {
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = y + ky - 1;
                                int ix = x + kx - 1;
                                if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                                {
                                    sum += image[(((c * height) + iy) * width) + ix] * weights[(((((o * 2) + c) * 3) + ky) * 3) + kx];
                                }
                            }
                        }
                    }

                    result[(((o * height) + y) * width) + x] = (float)sum;
                }
            }
        }

        return result;
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Element {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}

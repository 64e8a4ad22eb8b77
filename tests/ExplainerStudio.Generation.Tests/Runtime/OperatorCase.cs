using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Runtime;

/// <summary>One operator case: a single node over given inputs, and the output a C# reference computes for it.</summary>
public sealed class OperatorCase
{
    public const string OutputName = "out";

    private OperatorCase(string name, string op, OperatorInput[] inputs, DenseTensor expected, float tolerance, OnnxAttribute[] attributes)
    {
        Name = name;
        Op = op;
        Inputs = inputs;
        Expected = expected;
        Tolerance = tolerance;
        Attributes = attributes;
    }

    public string Name { get; }

    public string Op { get; }

    public IReadOnlyList<OperatorInput> Inputs { get; }

    public DenseTensor Expected { get; }

    public float Tolerance { get; }

    public IReadOnlyList<OnnxAttribute> Attributes { get; }

    public static IReadOnlyList<OperatorCase> All { get; } = Build();

    public static OperatorCase Find(string name) => All.Single(c => c.Name == name);

    public string Write(string path)
    {
        var builder = new OnnxModelBuilder(Name);
        foreach (OperatorInput input in Inputs)
        {
            if (input.IsInitializer)
            {
                builder.AddInitializer(ToInitializer(input.Name, input.Tensor));
            }
            else
            {
                builder.AddInput(input.Name, TypeOf(input.Tensor), input.Tensor.Shape.Select(d => (OnnxDim)d).ToArray());
            }
        }

        builder.AddNode(Op, Inputs.Select(i => i.Name).ToArray(), [OutputName], [.. Attributes])
            .AddOutput(OutputName, TypeOf(Expected), Expected.Shape.Select(d => (OnnxDim)d).ToArray())
            .Save(path);
        return path;
    }

    public Dictionary<string, DenseTensor> Feeds() => Inputs.Where(i => !i.IsInitializer).ToDictionary(i => i.Name, i => i.Tensor);

    public void AssertMatches(DenseTensor actual)
    {
        Assert.Equal(Expected.ElementType, actual.ElementType);
        Assert.Equal(Expected.Shape, actual.Shape);
        switch (Expected)
        {
            case DenseTensor<float> floats:
                AssertClose(floats.Span.ToArray(), actual.As<float>().Span.ToArray());
                break;
            case DenseTensor<Half> halves:
                AssertClose(halves.Span.ToArray().Select(h => (float)h).ToArray(), actual.As<Half>().Span.ToArray().Select(h => (float)h).ToArray());
                break;
            case DenseTensor<long> longs:
                Assert.Equal(longs.Span.ToArray(), actual.As<long>().Span.ToArray());
                break;
            case DenseTensor<int> ints:
                Assert.Equal(ints.Span.ToArray(), actual.As<int>().Span.ToArray());
                break;
            case DenseTensor<bool> bools:
                Assert.Equal(bools.Span.ToArray(), actual.As<bool>().Span.ToArray());
                break;
            default:
                throw new InvalidOperationException($"No comparison for {Expected.ElementType}.");
        }
    }

    public override string ToString() => Name;

    private void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            float allowed = Tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed, $"{Name} element {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }

    private static OnnxElementType TypeOf(DenseTensor tensor) => (OnnxElementType)(int)tensor.ElementType;

    private static OnnxTensor ToInitializer(string name, DenseTensor tensor)
    {
        long[] dims = [.. tensor.Shape];
        return tensor switch
        {
            DenseTensor<float> f => OnnxTensor.FromFloat(name, dims, f.Span),
            DenseTensor<Half> h => OnnxTensor.FromHalf(name, dims, h.Span),
            DenseTensor<long> l => OnnxTensor.FromInt64(name, dims, l.Span),
            DenseTensor<int> i => OnnxTensor.FromInt32(name, dims, i.Span),
            _ => throw new NotSupportedException(tensor.ElementType.ToString()),
        };
    }

    private static DenseTensor<float> F(float[] values, params long[] shape) => new(values, shape);

    private static float[] Random(int count, int seed, float low = -2f, float high = 2f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + ((high - low) * (float)random.NextDouble())).ToArray();
    }

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    private static List<OperatorCase> Build()
    {
        var cases = new List<OperatorCase>();
        void Add(string name, string op, DenseTensor expected, float tolerance, OperatorInput[] inputs, params OnnxAttribute[] attributes) =>
            cases.Add(new OperatorCase(name, op, inputs, expected, tolerance, attributes));
        static OperatorInput In(string name, DenseTensor tensor) => new(name, tensor, IsInitializer: false);
        static OperatorInput Const(string name, DenseTensor tensor) => new(name, tensor, IsInitializer: true);

        // float32 element-wise, x [2,3,4]
        float[] x = Random(24, 1);
        float[] positive = Random(24, 2, 0.1f, 3f);
        void Unary(string op, float[] input, Func<float, float> f, float tolerance = 1e-5f, params OnnxAttribute[] attributes) =>
            Add($"{op}_f32", op, F(Map(input, f), 2, 3, 4), tolerance, [In("x", F(input, 2, 3, 4))], attributes);
        Unary("Relu", x, v => MathF.Max(v, 0f));
        Unary("Sigmoid", x, v => 1f / (1f + MathF.Exp(-v)));
        Unary("Tanh", x, MathF.Tanh);
        Unary("Exp", x, MathF.Exp);
        Unary("Neg", x, v => -v);
        Unary("Abs", x, MathF.Abs);
        Unary("Sqrt", positive, MathF.Sqrt);
        Unary("Log", positive, MathF.Log);
        Unary("Floor", x, MathF.Floor);
        Unary("Ceil", x, MathF.Ceiling);
        Unary("Reciprocal", positive, v => 1f / v);
        Unary("Sin", x, MathF.Sin);
        Unary("Cos", x, MathF.Cos);
        Unary("Softplus", x, v => MathF.Log(1f + MathF.Exp(v)));
        Unary("Identity", x, v => v, 0f);
        Add("LeakyRelu_f32", "LeakyRelu", F(Map(x, v => v >= 0 ? v : 0.1f * v), 2, 3, 4), 1e-6f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Float("alpha", 0.1f));
        Add("HardSigmoid_f32", "HardSigmoid", F(Map(x, v => Math.Clamp((0.2f * v) + 0.5f, 0f, 1f)), 2, 3, 4), 1e-6f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Float("alpha", 0.2f), OnnxAttribute.Float("beta", 0.5f));
        Add("Elu_f32", "Elu", F(Map(x, v => v >= 0 ? v : MathF.Exp(v) - 1f), 2, 3, 4), 1e-5f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Float("alpha", 1f));

        // float32 binary with broadcasting of b [4] over a [2,3,4]
        float[] b = Random(4, 3, 0.5f, 2f);
        void Binary(string op, Func<float, float, float> f, float[]? left = null)
        {
            float[] a = left ?? x;
            float[] expected = a.Select((v, i) => f(v, b[i % 4])).ToArray();
            Add($"{op}_f32_broadcast", op, F(expected, 2, 3, 4), 1e-5f, [In("a", F(a, 2, 3, 4)), In("b", F(b, 4))]);
        }

        Binary("Add", (p, q) => p + q);
        Binary("Sub", (p, q) => p - q);
        Binary("Mul", (p, q) => p * q);
        Binary("Div", (p, q) => p / q);
        Binary("Pow", MathF.Pow, positive);
        Binary("Max", MathF.Max);
        Binary("Min", MathF.Min);

        // float32 linear algebra and reductions
        float[] w = Random(20, 4);
        Add("MatMul_f32_initializer", "MatMul", F(MatMul(x, w, 6, 4, 5), 2, 3, 5), 1e-5f, [In("x", F(x, 2, 3, 4)), Const("w", F(w, 4, 5))]);
        float[] a34 = Random(12, 5);
        float[] b54 = Random(20, 6);
        float[] c5 = Random(5, 7);
        float[] gemm = new float[15];
        for (int r = 0; r < 3; r++)
        {
            for (int col = 0; col < 5; col++)
            {
                float sum = 0;
                for (int k = 0; k < 4; k++)
                {
                    sum += a34[(r * 4) + k] * b54[(col * 4) + k];
                }

                gemm[(r * 5) + col] = (0.5f * sum) + (2f * c5[col]);
            }
        }

        Add("Gemm_f32_transB", "Gemm", F(gemm, 3, 5), 1e-5f, [In("a", F(a34, 3, 4)), Const("b", F(b54, 5, 4)), Const("c", F(c5, 5))],
            OnnxAttribute.Int("transB", 1), OnnxAttribute.Float("alpha", 0.5f), OnnxAttribute.Float("beta", 2f));
        Add("Softmax_f32_last_axis", "Softmax", F(RowWise(x, 4, row =>
        {
            float max = row.Max();
            float[] e = row.Select(v => MathF.Exp(v - max)).ToArray();
            float total = e.Sum();
            return e.Select(v => v / total).ToArray();
        }), 2, 3, 4), 1e-5f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Int("axis", -1));
        Add("LayerNormalization_f32", "LayerNormalization", F(RowWise(x, 4, row =>
        {
            float mean = row.Average();
            float variance = row.Select(v => (v - mean) * (v - mean)).Average();
            return row.Select((v, i) => ((v - mean) / MathF.Sqrt(variance + 1e-5f) * b[i]) + c5[i]).ToArray();
        }), 2, 3, 4), 1e-4f, [In("x", F(x, 2, 3, 4)), Const("scale", F(b, 4)), Const("bias", F(c5[..4], 4))], OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", 1e-5f));
        Add("ReduceMean_f32_axes_attribute", "ReduceMean", F(ReduceMiddle(x, Enumerable.Average), 2, 1, 4), 1e-5f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        Add("ReduceSum_f32_axes_input", "ReduceSum", F(ReduceMiddle(x, Enumerable.Sum), 2, 4), 1e-5f, [In("x", F(x, 2, 3, 4)), Const("axes", new DenseTensor<long>([1L], 1))], OnnxAttribute.Int("keepdims", 0));
        Add("ReduceMax_f32_last_axis", "ReduceMax", F(RowWise(x, 4, row => [row.Max()]), 2, 3, 1), 0f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 1));

        // float32 shape and data movement
        float[] transposed = new float[24];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    transposed[(k * 6) + (i * 3) + j] = x[(i * 12) + (j * 4) + k];
                }
            }
        }

        Add("Transpose_f32_perm", "Transpose", F(transposed, 4, 2, 3), 0f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Ints("perm", 2, 0, 1));
        Add("Reshape_f32_int64_shape", "Reshape", F(x, 6, 4), 0f, [In("x", F(x, 2, 3, 4)), Const("shape", new DenseTensor<long>([6L, -1L], 2))]);
        Add("Flatten_f32", "Flatten", F(x, 2, 12), 0f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Int("axis", 1));
        Add("Unsqueeze_f32_axes_input", "Unsqueeze", F(x, 1, 2, 3, 4), 0f, [In("x", F(x, 2, 3, 4)), Const("axes", new DenseTensor<long>([0L], 1))]);
        float[] concatenated = new float[48];
        for (int i = 0; i < 2; i++)
        {
            x.AsSpan(i * 12, 12).CopyTo(concatenated.AsSpan(i * 24, 12));
            x.AsSpan(i * 12, 12).CopyTo(concatenated.AsSpan((i * 24) + 12, 12));
        }

        Add("Concat_f32_axis1", "Concat", F(concatenated, 2, 6, 4), 0f, [In("x", F(x, 2, 3, 4)), In("y", F(x, 2, 3, 4))], OnnxAttribute.Int("axis", 1));
        float[] sliced = Enumerable.Range(0, 6).SelectMany(row => x.AsSpan((row * 4) + 1, 2).ToArray()).ToArray();
        Add("Slice_f32_int64_inputs", "Slice", F(sliced, 2, 3, 2), 0f,
            [In("x", F(x, 2, 3, 4)), Const("starts", new DenseTensor<long>([1L], 1)), Const("ends", new DenseTensor<long>([3L], 1)), Const("axes", new DenseTensor<long>([2L], 1))]);
        float[] gathered = new float[16];
        for (int i = 0; i < 2; i++)
        {
            x.AsSpan((i * 12) + 8, 4).CopyTo(gathered.AsSpan(i * 8, 4));
            x.AsSpan(i * 12, 4).CopyTo(gathered.AsSpan((i * 8) + 4, 4));
        }

        Add("Gather_f32_int64_indices", "Gather", F(gathered, 2, 2, 4), 0f, [In("x", F(x, 2, 3, 4)), In("indices", new DenseTensor<long>([2L, 0L], 2))], OnnxAttribute.Int("axis", 1));
        float[] small = Random(12, 8);
        Add("Expand_f32", "Expand", F([.. small, .. small], 2, 3, 4), 0f, [In("x", F(small, 3, 4)), Const("shape", new DenseTensor<long>([2L, 3L, 4L], 3))]);
        bool[] mask = x.Select(v => v > 0).ToArray();
        float[] y = Random(24, 9);
        Add("Where_bool_f32", "Where", F(x.Select((v, i) => mask[i] ? v : y[i]).ToArray(), 2, 3, 4), 0f,
            [In("condition", new DenseTensor<bool>(mask, 2, 3, 4)), In("x", F(x, 2, 3, 4)), In("y", F(y, 2, 3, 4))]);
        Add("Clip_f32_scalar_inputs", "Clip", F(Map(x, v => Math.Clamp(v, -0.5f, 0.5f)), 2, 3, 4), 0f,
            [In("x", F(x, 2, 3, 4)), Const("min", F([-0.5f])), Const("max", F([0.5f]))]);

        // float32 pooling over an image [1,2,4,4]
        float[] image = Random(32, 10);
        Add("AveragePool_f32_2x2", "AveragePool", F(Pool(image, window => window.Average()), 1, 2, 2, 2), 1e-5f, [In("x", F(image, 1, 2, 4, 4))],
            OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2));
        Add("MaxPool_f32_2x2", "MaxPool", F(Pool(image, window => window.Max()), 1, 2, 2, 2), 0f, [In("x", F(image, 1, 2, 4, 4))],
            OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2));
        Add("GlobalAveragePool_f32", "GlobalAveragePool", F([image[..16].Average(), image[16..].Average()], 1, 2, 1, 1), 1e-5f, [In("x", F(image, 1, 2, 4, 4))]);

        // float16
        Half[] hx = x.Select(v => (Half)v).ToArray();
        Half[] hb = b.Select(v => (Half)v).ToArray();
        DenseTensor<Half> H(IEnumerable<float> values, params long[] shape) => new(values.Select(v => (Half)v).ToArray(), shape);
        Add("Add_f16_broadcast", "Add", H(hx.Select((v, i) => (float)v + (float)hb[i % 4]), 2, 3, 4), 2e-3f, [In("a", new DenseTensor<Half>(hx, 2, 3, 4)), In("b", new DenseTensor<Half>(hb, 4))]);
        Add("Mul_f16_broadcast", "Mul", H(hx.Select((v, i) => (float)v * (float)hb[i % 4]), 2, 3, 4), 2e-3f, [In("a", new DenseTensor<Half>(hx, 2, 3, 4)), In("b", new DenseTensor<Half>(hb, 4))]);
        Add("Sigmoid_f16", "Sigmoid", H(hx.Select(v => 1f / (1f + MathF.Exp(-(float)v))), 2, 3, 4), 2e-3f, [In("x", new DenseTensor<Half>(hx, 2, 3, 4))]);
        Half[] hw = w.Select(v => (Half)v).ToArray();
        Add("MatMul_f16_initializer", "MatMul", H(MatMul(hx.Select(v => (float)v).ToArray(), hw.Select(v => (float)v).ToArray(), 6, 4, 5), 2, 3, 5), 1e-2f,
            [In("x", new DenseTensor<Half>(hx, 2, 3, 4)), Const("w", new DenseTensor<Half>(hw, 4, 5))]);
        Add("Cast_f32_to_f16", "Cast", new DenseTensor<Half>(hx, 2, 3, 4), 0f, [In("x", F(x, 2, 3, 4))], OnnxAttribute.Int("to", (long)OnnxElementType.Float16));
        Add("Cast_f16_to_f32", "Cast", F(hx.Select(v => (float)v).ToArray(), 2, 3, 4), 0f, [In("x", new DenseTensor<Half>(hx, 2, 3, 4))], OnnxAttribute.Int("to", (long)OnnxElementType.Float));

        // int64, int32 and bool
        long[] la = [long.MaxValue / 4, -7, 0, 1L << 40, -(1L << 33), 12];
        long[] lb = [3, 5, -9, 2, 4, -1];
        DenseTensor<long> L(long[] values) => new(values, 2, 3);
        Add("Add_i64", "Add", L(la.Zip(lb, (p, q) => p + q).ToArray()), 0f, [In("a", L(la)), In("b", L(lb))]);
        Add("Sub_i64", "Sub", L(la.Zip(lb, (p, q) => p - q).ToArray()), 0f, [In("a", L(la)), In("b", L(lb))]);
        Add("Mul_i64", "Mul", L(la.Zip(lb, (p, q) => unchecked(p * q)).ToArray()), 0f, [In("a", L(la)), In("b", L(lb))]);
        long[] lc = [3, -7, -9, 1L << 40, 4, 12];
        Add("Equal_i64_to_bool", "Equal", new DenseTensor<bool>(la.Zip(lc, (p, q) => p == q).ToArray(), 2, 3), 0f, [In("a", L(la)), In("b", L(lc))]);
        Add("ArgMax_f32_to_i64", "ArgMax", new DenseTensor<long>(RowWise(x, 4, row => [Array.IndexOf(row, row.Max())]).Select(v => (long)v).ToArray(), 2, 3), 0f,
            [In("x", F(x, 2, 3, 4))], OnnxAttribute.Int("axis", 2), OnnxAttribute.Int("keepdims", 0));
        Add("Shape_f32_to_i64", "Shape", new DenseTensor<long>([2L, 3L, 4L], 3), 0f, [In("x", F(x, 2, 3, 4))]);
        Add("Cast_i64_to_i32", "Cast", new DenseTensor<int>(lb.Select(v => (int)v).ToArray(), 2, 3), 0f, [In("x", L(lb))], OnnxAttribute.Int("to", (long)OnnxElementType.Int32));
        int[] ia = [int.MaxValue - 10, -3, 0, 7, 100, -100];
        int[] ib = [10, 3, 5, -7, 2, 1];
        Add("Add_i32", "Add", new DenseTensor<int>(ia.Zip(ib, (p, q) => p + q).ToArray(), 2, 3), 0f, [In("a", new DenseTensor<int>(ia, 2, 3)), In("b", new DenseTensor<int>(ib, 2, 3))]);
        Add("Greater_f32_to_bool", "Greater", new DenseTensor<bool>(x.Select((v, i) => v > y[i]).ToArray(), 2, 3, 4), 0f, [In("a", F(x, 2, 3, 4)), In("b", F(y, 2, 3, 4))]);
        Add("Not_bool", "Not", new DenseTensor<bool>(mask.Select(m => !m).ToArray(), 2, 3, 4), 0f, [In("x", new DenseTensor<bool>(mask, 2, 3, 4))]);
        bool[] other = y.Select(v => v > 0).ToArray();
        Add("And_bool", "And", new DenseTensor<bool>(mask.Zip(other, (p, q) => p && q).ToArray(), 2, 3, 4), 0f,
            [In("a", new DenseTensor<bool>(mask, 2, 3, 4)), In("b", new DenseTensor<bool>(other, 2, 3, 4))]);
        return cases;
    }

    private static float[] MatMul(float[] a, float[] b, int rows, int inner, int columns)
    {
        var result = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                float sum = 0;
                for (int k = 0; k < inner; k++)
                {
                    sum += a[(r * inner) + k] * b[(k * columns) + c];
                }

                result[(r * columns) + c] = sum;
            }
        }

        return result;
    }

    private static float[] RowWise(float[] x, int rowLength, Func<float[], float[]> f) =>
        x.Chunk(rowLength).SelectMany(f).ToArray();

    /// <summary>Reduces [2,3,4] over its middle axis.</summary>
    private static float[] ReduceMiddle(float[] x, Func<IEnumerable<float>, float> reduce)
    {
        var result = new float[8];
        for (int i = 0; i < 2; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                result[(i * 4) + k] = reduce(Enumerable.Range(0, 3).Select(j => x[(i * 12) + (j * 4) + k]));
            }
        }

        return result;
    }

    /// <summary>2×2 windows with stride 2 over [1,2,4,4].</summary>
    private static float[] Pool(float[] image, Func<float[], float> reduce)
    {
        var result = new float[8];
        for (int c = 0; c < 2; c++)
        {
            for (int oy = 0; oy < 2; oy++)
            {
                for (int ox = 0; ox < 2; ox++)
                {
                    float[] window = [.. from dy in Enumerable.Range(0, 2) from dx in Enumerable.Range(0, 2) select image[(c * 16) + (((oy * 2) + dy) * 4) + (ox * 2) + dx]];
                    result[(c * 4) + (oy * 2) + ox] = reduce(window);
                }
            }
        }

        return result;
    }
}

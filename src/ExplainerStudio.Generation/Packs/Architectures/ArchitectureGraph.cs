using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// The layers the Stable Diffusion components are made of, written as plain ONNX operators (opset 17) with
/// weights drawn from a seeded <see cref="SplitMix64"/>. Weight scales follow fan-in (LeCun) initialisation so
/// activations stay near unit variance through the untrained network; norms start at scale 1 and bias 0.
/// </summary>
internal sealed class ArchitectureGraph
{
    private readonly SplitMix64 _random;
    private readonly ExternalWeightFile? _external;

    private readonly OnnxElementType _valueType;

    public ArchitectureGraph(string graphName, string docString, ulong seed, ExternalWeightFile? external = null,
        OnnxElementType valueType = OnnxElementType.Float)
    {
        _external = external;
        _valueType = valueType;
        Model = new OnnxModelBuilder(graphName)
            .WithOpset(17)
            .WithProducer("ExplainerStudio", "sd-architecture")
            .WithDocString(docString);
        _random = new SplitMix64(seed);
    }

    public OnnxModelBuilder Model { get; }

    public string Random(string name, long[] dims, double std)
    {
        long count = 1;
        foreach (long dim in dims)
        {
            count *= dim;
        }

        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(_random.NextStandardish() * std);
        }

        return _external is not null && count >= ExternalWeightFile.MinimumElements
            ? Model.Constant(_external.Append(name, dims, values))
            : Floats(name, dims, values);
    }

    public string Filled(string name, long[] dims, float value)
    {
        long count = 1;
        foreach (long dim in dims)
        {
            count *= dim;
        }

        var values = new float[count];
        Array.Fill(values, value);
        return Floats(name, dims, values);
    }

    /// <summary>A floating constant in the graph's value type (float32, or float16 for a half-precision export).</summary>
    public string Floats(string name, long[] dims, float[] values) => _valueType == OnnxElementType.Float16
        ? Model.Constant(OnnxTensor.FromHalf(name, dims, Array.ConvertAll(values, v => (Half)v)))
        : Model.Constant(OnnxTensor.FromFloat(name, dims, values));

    /// <summary>Resize's scales for a 2× nearest upsample; always float32, whatever the graph's value type.</summary>
    public string UpsampleScales() => Model.Constant(OnnxTensor.FromFloat(Model.NewName("upsample_scales"), [4], [1f, 1f, 2f, 2f]));

    public string Ints(string name, params long[] values) => Model.Constant(OnnxTensor.Vector(name, values));

    public string Scalar(string name, float value) => Floats(name, [], [value]);

    public string Op(string opType, params string[] inputs) => Model.Apply(opType, inputs);

    public string Op(string opType, string[] inputs, params OnnxAttribute[] attributes) => Model.Apply(opType, inputs, attributes);

    /// <summary>x @ W + b over the last axis; W is [in, out] as a transposed torch Linear weight.</summary>
    public string Linear(string name, string x, int inFeatures, int outFeatures, bool bias = true, double gain = 1.0)
    {
        string weight = Random(name + ".weight", [inFeatures, outFeatures], gain / Math.Sqrt(inFeatures));
        string y = Op("MatMul", x, weight);
        return bias ? Op("Add", y, Random(name + ".bias", [outFeatures], 0.02)) : y;
    }

    public string Conv(string name, string x, int inChannels, int outChannels, int kernel, int stride = 1, int? padding = null, double gain = 1.0)
    {
        int pad = padding ?? (kernel / 2);
        string weight = Random(name + ".weight", [outChannels, inChannels, kernel, kernel], gain / Math.Sqrt(inChannels * kernel * kernel));
        string bias = Random(name + ".bias", [outChannels], 0.02);
        return Op("Conv", [x, weight, bias],
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad));
    }

    public string LayerNorm(string name, string x, int width, float epsilon = 1e-5f)
    {
        string scale = Filled(name + ".weight", [width], 1f);
        string bias = Filled(name + ".bias", [width], 0f);
        return Op("LayerNormalization", [x, scale, bias], OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", epsilon));
    }

    /// <summary>torch GroupNorm as exported: instance norm over [batch, groups, rest], then per-channel affine.</summary>
    public string GroupNorm(string name, string x, int channels, int groups, float epsilon)
    {
        string grouped = Op("Reshape", x, Ints(Model.NewName("group_shape"), 0, groups, -1));
        string normalised = Op("InstanceNormalization",
            [grouped, Filled(Model.NewName("group_one"), [groups], 1f), Filled(Model.NewName("group_zero"), [groups], 0f)],
            OnnxAttribute.Float("epsilon", epsilon));
        string restored = Op("Reshape", normalised, Op("Shape", x));
        string scaled = Op("Mul", restored, Filled(name + ".weight", [channels, 1, 1], 1f));
        return Op("Add", scaled, Filled(name + ".bias", [channels, 1, 1], 0f));
    }

    public string Silu(string x) => Op("Mul", x, Op("Sigmoid", x));

    public string QuickGelu(string x) => Op("Mul", x, Op("Sigmoid", Op("Mul", x, Scalar(Model.NewName("quick_gelu_alpha"), 1.702f))));

    /// <summary>Exact (erf) GELU; the Gelu operator needs opset 20.</summary>
    public string Gelu(string x)
    {
        string erf = Op("Erf", Op("Mul", x, Scalar(Model.NewName("inv_sqrt2"), (float)(1.0 / Math.Sqrt(2.0)))));
        string onePlus = Op("Add", erf, Scalar(Model.NewName("one"), 1f));
        return Op("Mul", Op("Mul", x, onePlus), Scalar(Model.NewName("half"), 0.5f));
    }

    /// <summary>
    /// Multi-head attention of <paramref name="query"/> [b, n, width] over <paramref name="context"/> [b, m, contextWidth]:
    /// separate q/k/v projections, softmax(q kᵀ/√d + mask) v, output projection with bias.
    /// </summary>
    public string Attention(string name, string query, string context, int width, int contextWidth, int heads,
        bool qkvBias, string? additiveMask = null)
    {
        int headDim = width / heads;
        string q = SplitHeads(Linear(name + ".to_q", query, width, width, qkvBias), heads, headDim, [0, 2, 1, 3]);
        string k = SplitHeads(Linear(name + ".to_k", context, contextWidth, width, qkvBias), heads, headDim, [0, 2, 3, 1]);
        string v = SplitHeads(Linear(name + ".to_v", context, contextWidth, width, qkvBias), heads, headDim, [0, 2, 1, 3]);
        string scores = Op("Mul", Op("MatMul", q, k), Scalar(Model.NewName("attn_scale"), (float)(1.0 / Math.Sqrt(headDim))));
        if (additiveMask is not null)
        {
            scores = Op("Add", scores, additiveMask);
        }

        string weights = Op("Softmax", [scores], OnnxAttribute.Int("axis", -1));
        string merged = Op("Transpose", [Op("MatMul", weights, v)], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        string flat = Op("Reshape", merged, Ints(Model.NewName("merge_heads"), 0, 0, width));
        return Linear(name + ".to_out.0", flat, width, width);
    }

    private string SplitHeads(string x, int heads, int headDim, long[] perm)
    {
        string split = Op("Reshape", x, Ints(Model.NewName("split_heads"), 0, 0, heads, headDim));
        return Op("Transpose", [split], OnnxAttribute.Ints("perm", perm));
    }
}

using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// A UNet-shaped graph with real convolution work, written on the fly for the benchmark: the same inputs and
/// output as the pack's UNet, a 3×3 convolution stem to <see cref="Features"/> channels, text and timestep biases,
/// <see cref="Blocks"/> residual 3×3 convolution blocks and a 3×3 head. One step at 512×512 with guidance takes tens
/// of milliseconds on a CPU, like a small real UNet, so the loop's own overhead can be measured against it.
/// Its prediction stays close to the scaled input, which keeps the sampler stable.
/// </summary>
internal static class BenchUnetGraph
{
    public const int Features = 96;
    public const int Blocks = 6;

    public static void Write(string path, UnetModel like)
    {
        int channels = like.LatentChannels;
        int hidden = like.HiddenSize;
        var random = new Random(20240611);
        OnnxDim sequence = like.SequenceLength is int length ? length : "sequence";
        var builder = new OnnxModelBuilder("bench_unet")
            .WithMetadata("explainerstudio.bench", "unet-shaped benchmark graph")
            .AddInput(UnetModel.SampleName, OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        if (like.TimestepRank == 0)
        {
            builder.AddInput(UnetModel.TimestepName, ToOnnx(like.TimestepType));
        }
        else
        {
            builder.AddInput(UnetModel.TimestepName, ToOnnx(like.TimestepType), like.TimestepIsBatched ? "batch" : 1);
        }

        builder.AddInput(UnetModel.HiddenStatesName, OnnxElementType.Float, "batch", sequence, hidden);

        string stem = builder.Apply("Conv", [UnetModel.SampleName, Weights(builder, random, Features, channels), Bias(builder, Features)], Pad());
        string text = builder.Apply("ReduceMean", [UnetModel.HiddenStatesName], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        string textBias = builder.Apply("MatMul", [text, Matrix(builder, random, hidden, Features)]);
        string textBias4 = builder.Apply("Unsqueeze", [textBias, builder.Constant(OnnxTensor.Vector(builder.NewName("axes"), 2, 3))]);
        string time = builder.Apply("Cast", [UnetModel.TimestepName], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        string timeScaled = builder.Apply("Mul", [time, builder.Constant(OnnxTensor.Scalar(builder.NewName("time_scale"), 1e-3f))]);
        string timeBias = builder.Apply("Reshape", [timeScaled, builder.Constant(OnnxTensor.Vector(builder.NewName("time_shape"), -1, 1, 1, 1))]);
        string h = builder.Apply("Add", [builder.Apply("Add", [stem, textBias4]), timeBias]);
        for (int block = 0; block < Blocks; block++)
        {
            string activated = builder.Apply("Relu", [h]);
            string residual = builder.Apply("Conv", [activated, Weights(builder, random, Features, Features), Bias(builder, Features)], Pad());
            h = builder.Apply("Add", [h, residual]);
        }

        string head = builder.Apply("Conv", [builder.Apply("Relu", [h]), Weights(builder, random, channels, Features), Bias(builder, channels)], Pad());
        string small = builder.Apply("Mul", [head, builder.Constant(OnnxTensor.Scalar(builder.NewName("head_scale"), 0.01f))]);
        builder.AddNode("Add", [UnetModel.SampleName, small], [UnetModel.OutputName]);
        builder.AddOutput(UnetModel.OutputName, OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        builder.Save(path);
    }

    private static OnnxAttribute[] Pad() => [OnnxAttribute.Ints("pads", 1, 1, 1, 1), OnnxAttribute.Ints("kernel_shape", 3, 3)];

    private static string Weights(OnnxModelBuilder builder, Random random, int outputs, int inputs)
    {
        float scale = 0.5f / MathF.Sqrt(inputs * 9);
        float[] values = new float[outputs * inputs * 9];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((float)random.NextDouble() - 0.5f) * 2f * scale;
        }

        return builder.Constant(OnnxTensor.FromFloat(builder.NewName("conv_w"), [outputs, inputs, 3, 3], values));
    }

    private static string Bias(OnnxModelBuilder builder, int outputs) =>
        builder.Constant(OnnxTensor.FromFloat(builder.NewName("conv_b"), [outputs], new float[outputs]));

    private static string Matrix(OnnxModelBuilder builder, Random random, int rows, int columns)
    {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((float)random.NextDouble() - 0.5f) * 0.1f;
        }

        return builder.Constant(OnnxTensor.FromFloat(builder.NewName("text_w"), [rows, columns], values));
    }

    private static OnnxElementType ToOnnx(TensorElementType type) => type switch
    {
        TensorElementType.Int64 => OnnxElementType.Int64,
        TensorElementType.Int32 => OnnxElementType.Int32,
        TensorElementType.Float16 => OnnxElementType.Float16,
        _ => OnnxElementType.Float,
    };
}

using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Tests.Runtime;

/// <summary>Small ONNX graphs with known weights, written with the project's own ONNX writer.</summary>
public static class TestModels
{
    public static string Add(string path)
    {
        new OnnxModelBuilder("add")
            .AddInput("a", OnnxElementType.Float, "batch", 3)
            .AddInput("b", OnnxElementType.Float, "batch", 3)
            .AddNode("Add", ["a", "b"], ["sum"])
            .AddOutput("sum", OnnxElementType.Float, "batch", 3)
            .WithMetadata("purpose", "binding tests")
            .Save(path);
        return path;
    }

    public static float[] MatMulWeights { get; } = [0.5f, -1f, 2f, 0.25f, 1.5f, 3f, -0.75f, 1f, -2f, 0.1f, 0.2f, 0.3f];

    /// <summary>x [batch,3] × W [3,4] (the constant <see cref="MatMulWeights"/>) → y [batch,4].</summary>
    public static string MatMul(string path)
    {
        new OnnxModelBuilder("matmul")
            .AddInput("x", OnnxElementType.Float, "batch", 3)
            .AddInitializer(OnnxTensor.FromFloat("w", [3, 4], MatMulWeights))
            .AddNode("MatMul", ["x", "w"], ["y"])
            .AddOutput("y", OnnxElementType.Float, "batch", 4)
            .Save(path);
        return path;
    }

    /// <summary>3×3 convolution, 2 → 3 channels, padding 1, with the given weights [3,2,3,3] and bias [3].</summary>
    public static string Conv(string path, float[] weights, float[] bias)
    {
        new OnnxModelBuilder("conv")
            .AddInput("image", OnnxElementType.Float, 1, 2, "h", "w")
            .AddInitializer(OnnxTensor.FromFloat("weight", [3, 2, 3, 3], weights))
            .AddInitializer(OnnxTensor.FromFloat("bias", [3], bias))
            .AddNode("Conv", ["image", "weight", "bias"], ["features"], OnnxAttribute.Ints("pads", 1, 1, 1, 1), OnnxAttribute.Ints("kernel_shape", 3, 3))
            .AddOutput("features", OnnxElementType.Float, 1, 3, "h", "w")
            .Save(path);
        return path;
    }

    /// <summary>Returns its input unchanged, for checking that bits survive the trip through ONNX Runtime.</summary>
    public static string Identity(string path, OnnxElementType elementType)
    {
        new OnnxModelBuilder("identity")
            .AddInput("value", elementType, "n")
            .AddNode("Identity", ["value"], ["same"])
            .AddOutput("same", elementType, "n")
            .Save(path);
        return path;
    }

    /// <summary>Casts float32 to float16 and int64 to int32, to compare ONNX Runtime's conversions with .NET's.</summary>
    public static string Casts(string path)
    {
        new OnnxModelBuilder("casts")
            .AddInput("f", OnnxElementType.Float, "n")
            .AddInput("l", OnnxElementType.Int64, "n")
            .AddNode("Cast", ["f"], ["h"], OnnxAttribute.Int("to", (long)OnnxElementType.Float16))
            .AddNode("Cast", ["l"], ["i"], OnnxAttribute.Int("to", (long)OnnxElementType.Int32))
            .AddOutput("h", OnnxElementType.Float16, "n")
            .AddOutput("i", OnnxElementType.Int32, "n")
            .Save(path);
        return path;
    }

    /// <summary>A rank-0 timestep scaled by 2 and broadcast onto a sample, the shape of a UNet's timestep input.</summary>
    public static string ScalarTimestep(string path)
    {
        var builder = new OnnxModelBuilder("scalar");
        builder.AddInput("sample", OnnxElementType.Float, "batch", 2)
            .AddInput("timestep", OnnxElementType.Float)
            .AddInitializer(OnnxTensor.Scalar("two", 2f))
            .AddNode("Mul", ["timestep", "two"], ["scaled"])
            .AddNode("Add", ["sample", "scaled"], ["out_sample"])
            .AddOutput("out_sample", OnnxElementType.Float, "batch", 2);
        builder.Save(path);
        return path;
    }

    /// <summary>
    /// A Loop that adds 1 to <c>x</c> while its <c>keep_going</c> input is true, for at most 10⁸ iterations: minutes
    /// of work, so a test that cancels it can never see it finish first.
    /// </summary>
    public static string EndlessLoop(string path)
    {
        var body = new OnnxModelBuilder("body")
            .AddInput("iteration", OnnxElementType.Int64)
            .AddInput("condition", OnnxElementType.Bool)
            .AddInput("carried", OnnxElementType.Float, 1)
            .AddInitializer(OnnxTensor.FromFloat("one", [1], [1f]))
            .AddNode("Identity", ["condition"], ["condition_out"])
            .AddNode("Add", ["carried", "one"], ["carried_out"])
            .AddOutput("condition_out", OnnxElementType.Bool)
            .AddOutput("carried_out", OnnxElementType.Float, 1);
        new OnnxModelBuilder("endless")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddInput("keep_going", OnnxElementType.Bool)
            .AddInitializer(OnnxTensor.FromInt64("trips", [], [100_000_000]))
            .AddNode("Loop", ["trips", "keep_going", "x"], ["y"], OnnxAttribute.Graph("body", body))
            .AddOutput("y", OnnxElementType.Float, 1)
            .Save(path);
        return path;
    }

    /// <summary>
    /// A chain of <paramref name="layers"/> 256×256 matrix products: seconds of work on one core, so a run can be
    /// cancelled while it is under way.
    /// </summary>
    public static string LongChain(string path, int layers)
    {
        const int Size = 256;
        var weights = new float[Size * Size];
        for (int i = 0; i < Size; i++)
        {
            weights[(i * Size) + i] = 1f;
        }

        var builder = new OnnxModelBuilder("chain")
            .AddInput("x", OnnxElementType.Float, Size, Size)
            .AddInitializer(OnnxTensor.FromFloat("w", [Size, Size], weights));
        string current = "x";
        for (int i = 0; i < layers; i++)
        {
            current = builder.Apply("MatMul", [current, "w"]);
        }

        builder.AddNode("Identity", [current], ["y"]).AddOutput("y", OnnxElementType.Float, Size, Size).Save(path);
        return path;
    }
}

using System.Buffers.Binary;
using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Tests.OnnxFormat;

public sealed class OnnxModelBuilderTests
{
    private static OnnxModelBuilder AddGraph() => new OnnxModelBuilder("add")
        .WithProducer("tests", "1.0")
        .AddInput("a", OnnxElementType.Float, "batch", 3)
        .AddInitializer(OnnxTensor.FromFloat("b", [3], [1f, 2f, 3f]))
        .AddNode("Add", ["a", "b"], ["sum"])
        .AddOutput("sum", OnnxElementType.Float, "batch", 3);

    [Fact]
    public void SameCalls_GiveIdenticalBytes()
    {
        Assert.Equal(AddGraph().ToBytes(), AddGraph().ToBytes());
    }

    [Fact]
    public void Model_CarriesIrVersionOpsetAndProducer()
    {
        var model = new ProtoReader(AddGraph().ToBytes());

        Assert.Equal(8, model.Int(1));
        Assert.Equal("tests", model.String(2));
        Assert.Equal("1.0", model.String(3));
        var opset = Assert.Single(model.Messages(8));
        Assert.Equal(string.Empty, opset.String(1));
        Assert.Equal(17, opset.Int(2));
    }

    [Fact]
    public void Graph_HoldsNodesInitializersInputsAndOutputs()
    {
        var graph = new ProtoReader(AddGraph().ToBytes()).Message(7);

        Assert.Equal("add", graph.String(2));
        var node = Assert.Single(graph.Messages(1));
        Assert.Equal(["a", "b"], node.Strings(1));
        Assert.Equal(["sum"], node.Strings(2));
        Assert.Equal("Add", node.String(4));
        var initializer = Assert.Single(graph.Messages(5));
        Assert.Equal("b", initializer.String(8));
        Assert.Equal([3L], initializer.Ints(1));
        Assert.Equal(1, initializer.Int(2));
        Assert.Equal("a", Assert.Single(graph.Messages(11)).String(1));
        Assert.Equal("sum", Assert.Single(graph.Messages(12)).String(1));
    }

    [Fact]
    public void InputShape_WritesSymbolicAndFixedDims()
    {
        var input = new ProtoReader(AddGraph().ToBytes()).Message(7).Messages(11)[0];
        var tensorType = input.Message(2).Message(1);
        var dims = tensorType.Message(2).Messages(1);

        Assert.Equal(1, tensorType.Int(1));
        Assert.Equal(2, dims.Count);
        Assert.Equal("batch", dims[0].String(2));
        Assert.False(dims[0].Has(1));
        Assert.Equal(3, dims[1].Int(1));
    }

    [Fact]
    public void ScalarInput_HasAnEmptyShape()
    {
        var bytes = new OnnxModelBuilder("g")
            .AddInput("t", OnnxElementType.Int64)
            .AddNode("Identity", ["t"], ["u"])
            .AddOutput("u", OnnxElementType.Int64)
            .ToBytes();

        var tensorType = new ProtoReader(bytes).Message(7).Messages(11)[0].Message(2).Message(1);

        Assert.Equal(7, tensorType.Int(1));
        Assert.True(tensorType.Has(2));
        Assert.Empty(tensorType.Message(2).FieldNumbers);
    }

    [Fact]
    public void TensorRawData_IsLittleEndianForEveryElementType()
    {
        var f32 = OnnxTensor.FromFloat("f", [2], [1.5f, -2f]);
        var f16 = OnnxTensor.FromHalf("h", [1], [(Half)0.5f]);
        var i64 = OnnxTensor.FromInt64("l", [1], [-2L]);
        var i32 = OnnxTensor.FromInt32("i", [1], [258]);

        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(f32.RawData.Span));
        Assert.Equal(-2f, BinaryPrimitives.ReadSingleLittleEndian(f32.RawData.Span[4..]));
        Assert.Equal(new byte[] { 0x00, 0x38 }, f16.RawData.ToArray());
        Assert.Equal(-2L, BinaryPrimitives.ReadInt64LittleEndian(i64.RawData.Span));
        Assert.Equal(new byte[] { 2, 1, 0, 0 }, i32.RawData.ToArray());
        Assert.Equal(OnnxElementType.Float16, f16.ElementType);
    }

    [Fact]
    public void Attributes_AreWrittenWithTheirTypes()
    {
        var bytes = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Custom", ["x"], ["y"],
                OnnxAttribute.Int("i", -1),
                OnnxAttribute.Float("f", 0.25f),
                OnnxAttribute.Ints("is", 1, 300),
                OnnxAttribute.Floats("fs", 1f, 2f),
                OnnxAttribute.String("s", "linear"),
                OnnxAttribute.Tensor("t", OnnxTensor.Scalar(string.Empty, 7f)))
            .AddOutput("y", OnnxElementType.Float, 1)
            .ToBytes();

        var attributes = new ProtoReader(bytes).Message(7).Message(1).Messages(5);

        Assert.Equal(["i", "f", "is", "fs", "s", "t"], attributes.Select(a => a.String(1)));
        Assert.Equal([2L, 1, 7, 6, 3, 4], attributes.Select(a => a.Int(20)));
        Assert.Equal(-1, attributes[0].Int(3));
        Assert.Equal(0.25f, attributes[1].Float(2));
        Assert.Equal([1L, 300], attributes[2].Ints(8));
        Assert.Equal([1f, 2f], attributes[3].Floats(7));
        Assert.Equal("linear", attributes[4].String(4));
        var tensor = attributes[5].Message(5);
        Assert.False(tensor.Has(1));
        Assert.Equal(7f, BinaryPrimitives.ReadSingleLittleEndian(tensor.Bytes(9)));
    }

    [Fact]
    public void NegativeInt_IsTenByteVarint()
    {
        var bytes = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Custom", ["x"], ["y"], OnnxAttribute.Int("axis", -1))
            .AddOutput("y", OnnxElementType.Float, 1)
            .ToBytes();

        byte[] expected = [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        Assert.True(bytes.AsSpan().IndexOf(expected) >= 0);
    }

    [Fact]
    public void Apply_GeneratesFreshOutputNames()
    {
        var builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        string first = builder.Apply("Relu", ["x"]);
        string second = builder.Apply("Relu", [first]);

        Assert.NotEqual(first, second);
        Assert.Equal([first], builder.Nodes[1].Inputs);
    }

    [Fact]
    public void DuplicateValueName_IsRejected()
    {
        var builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        var error = Assert.Throws<ArgumentException>(() => builder.AddInitializer(OnnxTensor.Scalar("x", 1f)));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorWithWrongValueCount_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloat("w", [2, 2], [1f, 2f, 3f]));
    }

    [Fact]
    public void ModelWithoutOutputs_CannotBeWritten()
    {
        var builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        Assert.Throws<InvalidOperationException>(() => builder.ToBytes());
    }
}

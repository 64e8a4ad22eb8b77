namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>Field numbers from onnx.proto (proto2) for the messages this writer emits.</summary>
internal static class OnnxProtoFields
{
    public const int ModelIrVersion = 1;
    public const int ModelProducerName = 2;
    public const int ModelProducerVersion = 3;
    public const int ModelDomain = 4;
    public const int ModelVersion = 5;
    public const int ModelDocString = 6;
    public const int ModelGraph = 7;
    public const int ModelOpsetImport = 8;
    public const int ModelMetadataProps = 14;

    public const int OpsetDomain = 1;
    public const int OpsetVersion = 2;

    public const int StringEntryKey = 1;
    public const int StringEntryValue = 2;

    public const int GraphNode = 1;
    public const int GraphName = 2;
    public const int GraphInitializer = 5;
    public const int GraphDocString = 10;
    public const int GraphInput = 11;
    public const int GraphOutput = 12;

    public const int NodeInput = 1;
    public const int NodeOutput = 2;
    public const int NodeName = 3;
    public const int NodeOpType = 4;
    public const int NodeAttribute = 5;
    public const int NodeDomain = 7;

    public const int AttributeName = 1;
    public const int AttributeFloat = 2;
    public const int AttributeInt = 3;
    public const int AttributeString = 4;
    public const int AttributeTensor = 5;
    public const int AttributeGraph = 6;
    public const int AttributeFloats = 7;
    public const int AttributeInts = 8;
    public const int AttributeType = 20;

    public const int TensorDims = 1;
    public const int TensorDataType = 2;
    public const int TensorName = 8;
    public const int TensorRawData = 9;
    public const int TensorExternalData = 13;
    public const int TensorDataLocation = 14;

    public const int ValueInfoName = 1;
    public const int ValueInfoType = 2;

    public const int TypeTensorType = 1;
    public const int TypeTensorElemType = 1;
    public const int TypeTensorShape = 2;
    public const int ShapeDim = 1;
    public const int DimValue = 1;
    public const int DimParam = 2;
}

namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>A graph input or output: its name, element type and shape (empty for a scalar).</summary>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDim> Shape)
{
    internal void WriteTo(ProtoWriter writer)
    {
        writer.WriteString(OnnxProtoFields.ValueInfoName, Name);
        writer.WriteMessage(OnnxProtoFields.ValueInfoType, type => type.WriteMessage(OnnxProtoFields.TypeTensorType, tensor =>
        {
            tensor.WriteInt32(OnnxProtoFields.TypeTensorElemType, (int)ElementType);
            tensor.WriteMessage(OnnxProtoFields.TypeTensorShape, shape =>
            {
                foreach (OnnxDim dim in Shape)
                {
                    shape.WriteMessage(OnnxProtoFields.ShapeDim, d =>
                    {
                        if (dim.Value is long value)
                        {
                            d.WriteInt64(OnnxProtoFields.DimValue, value);
                        }
                        else if (dim.Symbol is string symbol)
                        {
                            d.WriteString(OnnxProtoFields.DimParam, symbol);
                        }
                    });
                }
            });
        }));
    }
}

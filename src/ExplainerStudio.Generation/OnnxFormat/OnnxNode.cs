namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>One operator application in a graph.</summary>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    string Name,
    string Domain,
    IReadOnlyList<OnnxAttribute> Attributes)
{
    internal void WriteTo(ProtoWriter writer)
    {
        foreach (string input in Inputs)
        {
            writer.WriteString(OnnxProtoFields.NodeInput, input);
        }

        foreach (string output in Outputs)
        {
            writer.WriteString(OnnxProtoFields.NodeOutput, output);
        }

        writer.WriteString(OnnxProtoFields.NodeName, Name);
        writer.WriteString(OnnxProtoFields.NodeOpType, OpType);
        foreach (OnnxAttribute attribute in Attributes)
        {
            writer.WriteMessage(OnnxProtoFields.NodeAttribute, attribute.WriteTo);
        }

        if (Domain.Length > 0)
        {
            writer.WriteString(OnnxProtoFields.NodeDomain, Domain);
        }
    }
}

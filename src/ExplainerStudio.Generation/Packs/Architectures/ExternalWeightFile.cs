using System.Buffers.Binary;
using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// The <c>model.onnx_data</c> side file of a component too big for one protobuf (SD 1.5's UNet is 3.4 GB in
/// float32): large weights are streamed here as they are drawn and the graph refers to them by offset.
/// </summary>
internal sealed class ExternalWeightFile : IDisposable
{
    public const string DefaultFileName = "model.onnx_data";

    /// <summary>Tensors smaller than this stay inside the graph, as exporters keep them.</summary>
    public const int MinimumElements = 1024;

    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];

    public ExternalWeightFile(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        FileName = Path.GetFileName(path);
    }

    public string FileName { get; }

    public OnnxTensor Append(string name, long[] dims, float[] values)
    {
        long offset = _stream.Position;
        int chunk = _buffer.Length / sizeof(float);
        for (int start = 0; start < values.Length; start += chunk)
        {
            int count = Math.Min(chunk, values.Length - start);
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(i * sizeof(float)), values[start + i]);
            }

            _stream.Write(_buffer, 0, count * sizeof(float));
        }

        return OnnxTensor.External(name, OnnxElementType.Float, dims, FileName, offset, (long)values.Length * sizeof(float));
    }

    public void Dispose() => _stream.Dispose();
}

using System.Buffers;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>A managed tensor pinned for ONNX Runtime, with the ORT value that reads and writes it in place.</summary>
internal sealed class PinnedTensor : IDisposable
{
    private MemoryHandle _pin;
    private bool _disposed;

    public PinnedTensor(DenseTensor tensor, MemoryHandle pin, Ort.OrtValue value)
    {
        Tensor = tensor;
        _pin = pin;
        Value = value;
    }

    public DenseTensor Tensor { get; }

    public Ort.OrtValue Value { get; }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Value.Dispose();
        _pin.Dispose();
    }
}

using System.Buffers;
using System.Runtime.InteropServices;
using ExplainerStudio.Generation.Runtime.Native;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// Binds a session's inputs and outputs to fixed buffers for repeated runs, the shape of a denoising loop: bind the
/// latent input, the timestep and the noise-prediction output once, then per step write the new values into the
/// same tensors and call <see cref="Run"/>. Nothing proportional to the tensor sizes is allocated per run.
/// On CUDA, <see cref="BindOutputToDevice"/> leaves an output in device memory and
/// <see cref="BindInput(string, IoBinding, string)"/> feeds it to another binding without a copy to the host
/// (e.g. the text encoder's hidden states, reused by every UNet step). Not thread-safe: one loop owns a binding.
/// </summary>
public sealed unsafe class IoBinding : IDisposable
{
    private readonly ModelSession _session;
    private readonly OrtLibrary _library;
    private readonly Dictionary<string, HostBuffer> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostBuffer> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deviceOutputs = new(StringComparer.Ordinal);
    private readonly string _operation;
    private readonly string _runOperation;
    private nint _binding;

    internal IoBinding(ModelSession session)
    {
        _session = session;
        _library = session.Library;
        _operation = $"bind inputs and outputs of model '{session.ModelPath}'";
        _runOperation = $"run model '{session.ModelPath}'";

        // The native binding points at the session, so the session stays alive as long as the binding does.
        bool addedRef = false;
        session.Handle.DangerousAddRef(ref addedRef);
        nint binding;
        nint status = _library.Api.CreateIoBinding(session.Handle.DangerousGetHandle(), &binding);
        if (status != 0)
        {
            session.Handle.DangerousRelease();
            throw _library.ToException(status, _operation, session.ModelPath);
        }

        _binding = binding;
    }

    /// <summary>The session this binding runs.</summary>
    public ModelSession Session => _session;

    /// <summary>
    /// Binds an input to a host tensor. Binding the same tensor again is free; its contents are read at every run,
    /// so update them in place between runs.
    /// </summary>
    public void BindInput(string name, DenseTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ThrowIfDisposed();
        _session.CheckTensor("input", _session.GetInput(name), tensor);
        if (_inputs.TryGetValue(name, out HostBuffer current) && ReferenceEquals(current.Tensor, tensor))
        {
            return;
        }

        HostBuffer bound = Pin(tensor);
        nint status = _library.Api.BindInput(_binding, (byte*)_session.InputNamePointer(name), bound.Value);
        Replace(_inputs, name, bound, status);
    }

    /// <summary>
    /// Binds an input to an output of another binding (after that binding has run), leaving the data where it is:
    /// in device memory on CUDA, so it is not copied back to the host.
    /// </summary>
    public void BindInput(string name, IoBinding source, string sourceOutputName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfDisposed();
        _session.GetInput(name);
        nint value = source.GetBoundOutputValue(sourceOutputName);
        try
        {
            _library.Check(_library.Api.BindInput(_binding, (byte*)_session.InputNamePointer(name), value), _operation, _session.ModelPath);
        }
        finally
        {
            // The binding keeps its own reference to the data.
            _library.Api.ReleaseValue(value);
        }

        if (_inputs.Remove(name, out HostBuffer old))
        {
            old.Release(_library);
        }
    }

    /// <summary>Binds an output to a caller-allocated host tensor that every run overwrites.</summary>
    public void BindOutput(string name, DenseTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ThrowIfDisposed();
        _session.CheckTensor("output", _session.GetOutput(name), tensor);
        if (_outputs.TryGetValue(name, out HostBuffer current) && ReferenceEquals(current.Tensor, tensor))
        {
            return;
        }

        HostBuffer bound = Pin(tensor);
        nint status = _library.Api.BindOutput(_binding, (byte*)_session.OutputNamePointer(name), bound.Value);
        Replace(_outputs, name, bound, status);
        _deviceOutputs.Remove(name);
    }

    /// <summary>
    /// Lets ONNX Runtime allocate an output on the session's device (CUDA memory on the CUDA provider, host memory
    /// on the CPU). Read it with <see cref="GetOutput"/> or chain it with <see cref="BindInput(string, IoBinding, string)"/>.
    /// </summary>
    public void BindOutputToDevice(string name)
    {
        ThrowIfDisposed();
        _session.GetOutput(name);
        bool cuda = _session.Provider == ExecutionProviderKind.Cuda;
        nint memoryInfo = cuda ? _library.CreateCudaMemoryInfo(_session.DeviceId) : _library.CpuMemoryInfo;
        try
        {
            _library.Check(
                _library.Api.BindOutputToDevice(_binding, (byte*)_session.OutputNamePointer(name), memoryInfo),
                _operation,
                _session.ModelPath);
        }
        finally
        {
            if (cuda)
            {
                _library.Api.ReleaseMemoryInfo(memoryInfo);
            }
        }

        if (_outputs.Remove(name, out HostBuffer old))
        {
            old.Release(_library);
        }

        _deviceOutputs.Add(name);
    }

    /// <summary>Runs the session with the current bindings.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public void Run(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        string operation = _runOperation;
        bool addedRef = false;
        try
        {
            _session.Handle.DangerousAddRef(ref addedRef);
            _library.Check(_library.Api.SynchronizeBoundInputs(_binding), operation, _session.ModelPath);
            using (var scope = new RunScope(_library, operation, cancellationToken))
            {
                nint status = _library.Api.RunWithBinding(_session.Handle.DangerousGetHandle(), scope.RunOptions, _binding);
                scope.Complete(status, operation, _session.ModelPath);
            }

            _library.Check(_library.Api.SynchronizeBoundOutputs(_binding), operation, _session.ModelPath);
        }
        finally
        {
            if (addedRef)
            {
                _session.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// The output of the last run: the bound host tensor itself for <see cref="BindOutput"/>, or a new host copy for
    /// an output bound with <see cref="BindOutputToDevice"/> on the CPU.
    /// </summary>
    /// <exception cref="InvalidOperationException">The output is in CUDA device memory; bind it to a host tensor to read it.</exception>
    public DenseTensor GetOutput(string name)
    {
        ThrowIfDisposed();
        if (_outputs.TryGetValue(name, out HostBuffer bound))
        {
            return bound.Tensor;
        }

        nint value = GetBoundOutputValue(name);
        try
        {
            ThrowIfNotHost(name, value);
            return OrtValues.CopyToManaged(_library, value, $"read output '{name}' of model '{_session.ModelPath}'", _session.ModelPath);
        }
        finally
        {
            _library.Api.ReleaseValue(value);
        }
    }

    /// <summary>Copies a device-bound output of the last run into an existing host tensor of the same shape and type.</summary>
    public void CopyOutputTo(string name, DenseTensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ThrowIfDisposed();
        string operation = $"read output '{name}' of model '{_session.ModelPath}'";
        nint value = GetBoundOutputValue(name);
        try
        {
            ThrowIfNotHost(name, value);
            (TensorElementType elementType, long[] shape) = OrtValues.Describe(_library, value, operation, _session.ModelPath);
            if (elementType != destination.ElementType || !shape.AsSpan().SequenceEqual(destination.ShapeSpan))
            {
                throw new ArgumentException(
                    $"Output '{name}' is {elementType} {DenseTensor.FormatShape(shape)} but the destination is {destination.ElementType} {DenseTensor.FormatShape(destination.Shape)}.",
                    nameof(destination));
            }

            void* source;
            _library.Check(_library.Api.GetTensorMutableData(value, &source), operation, _session.ModelPath);
            using MemoryHandle target = destination.Pin();
            Buffer.MemoryCopy(source, target.Pointer, destination.ByteLength, destination.ByteLength);
        }
        finally
        {
            _library.Api.ReleaseValue(value);
        }
    }

    /// <summary>Releases the native binding and unpins every bound tensor.</summary>
    public void Dispose()
    {
        if (_binding == 0)
        {
            return;
        }

        _library.Api.ReleaseIoBinding(_binding);
        _binding = 0;
        foreach (HostBuffer bound in _inputs.Values.Concat(_outputs.Values))
        {
            bound.Release(_library);
        }

        _inputs.Clear();
        _outputs.Clear();
        _session.Handle.DangerousRelease();
    }

    /// <summary>A new reference to the bound output value of that name; the caller releases it.</summary>
    internal nint GetBoundOutputValue(string name)
    {
        ThrowIfDisposed();
        string operation = $"read the bound outputs of model '{_session.ModelPath}'";
        nint allocator = _library.DefaultAllocator;
        byte* buffer;
        nuint* lengths;
        nuint count;
        _library.Check(_library.Api.GetBoundOutputNames(_binding, allocator, &buffer, &lengths, &count), operation, _session.ModelPath);
        int index = -1;
        if (count > 0)
        {
            // The names come as one buffer of concatenated, unterminated UTF-8 strings plus their lengths.
            long offset = 0;
            for (int i = 0; i < (int)count; i++)
            {
                string bound = Marshal.PtrToStringUTF8((nint)(buffer + offset), (int)lengths[i]);
                if (index < 0 && string.Equals(bound, name, StringComparison.Ordinal))
                {
                    index = i;
                }

                offset += (long)lengths[i];
            }

            _library.Check(_library.Api.AllocatorFree(allocator, buffer), operation, _session.ModelPath);
            _library.Check(_library.Api.AllocatorFree(allocator, lengths), operation, _session.ModelPath);
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"Output '{name}' of model '{_session.ModelPath}' is not bound; bind it before running.");
        }

        nint* values;
        nuint valueCount;
        _library.Check(_library.Api.GetBoundOutputValues(_binding, allocator, &values, &valueCount), operation, _session.ModelPath);
        nint result = 0;
        for (int i = 0; i < (int)valueCount; i++)
        {
            if (i == index)
            {
                result = values[i];
            }
            else
            {
                _library.Api.ReleaseValue(values[i]);
            }
        }

        if (valueCount > 0)
        {
            _library.Check(_library.Api.AllocatorFree(allocator, values), operation, _session.ModelPath);
        }

        return result != 0
            ? result
            : throw new InvalidOperationException($"Output '{name}' of model '{_session.ModelPath}' has no value yet; run the binding first.");
    }

    private void ThrowIfNotHost(string name, nint value)
    {
        string memory = OrtValues.MemoryName(_library, value, $"read output '{name}'", _session.ModelPath);
        if (!string.Equals(memory, "Cpu", StringComparison.Ordinal) && !string.Equals(memory, "CudaPinned", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Output '{name}' of model '{_session.ModelPath}' lives in {memory} memory; bind it to a host tensor with BindOutput to read it, or pass it to another binding with BindInput.");
        }
    }

    private HostBuffer Pin(DenseTensor tensor)
    {
        MemoryHandle pin = tensor.Pin();
        try
        {
            nint value = OrtValues.CreateOverPinned(_library, tensor, pin, _operation, _session.ModelPath);
            return new HostBuffer(tensor, pin, value);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    private void Replace(Dictionary<string, HostBuffer> bindings, string name, HostBuffer bound, nint status)
    {
        if (status != 0)
        {
            bound.Release(_library);
            throw _library.ToException(status, _operation, _session.ModelPath);
        }

        if (bindings.Remove(name, out HostBuffer old))
        {
            old.Release(_library);
        }

        bindings[name] = bound;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_binding == 0, this);

    /// <summary>A host tensor bound to the binding: its pin and the ORT value over it.</summary>
    private readonly record struct HostBuffer(DenseTensor Tensor, MemoryHandle Pin, nint Value)
    {
        public void Release(OrtLibrary library)
        {
            library.Api.ReleaseValue(Value);
            Pin.Dispose();
        }
    }
}

using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// Binds a session's inputs and outputs to fixed buffers for repeated runs, the shape of a denoising loop: bind the
/// latent input, the timestep and the noise-prediction output once, then per step write the new values into the
/// same tensors and call <see cref="Run"/>. Nothing proportional to the tensor sizes is allocated per run.
/// <see cref="BindInputOnDevice"/> copies an input that stays the same for the whole loop (the text embeddings) to
/// the session's device once; <see cref="BindOutputToDevice"/> leaves an output in device memory and
/// <see cref="BindInput(string, IoBinding, string)"/> feeds it to another binding without a copy to the host.
/// Not thread-safe: one loop owns a binding.
/// </summary>
public sealed class IoBinding : IDisposable
{
    private readonly ModelSession _session;
    private readonly Ort.OrtIoBinding _binding;
    private readonly Dictionary<string, PinnedTensor> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ort.OrtValue> _deviceInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PinnedTensor> _outputs = new(StringComparer.Ordinal);
    private readonly string _operation;
    private readonly string _runOperation;
    private bool _disposed;

    internal IoBinding(ModelSession session)
    {
        _session = session;
        _operation = $"bind inputs and outputs of model '{session.ModelPath}'";
        _runOperation = $"run model '{session.ModelPath}'";

        // The binding points at the session, so the session stays alive as long as the binding does.
        session.Lease.Enter();
        try
        {
            _binding = session.Session.CreateIoBinding();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            session.Lease.Exit();
            throw OrtFailure.From(e, _operation, session.ModelPath);
        }
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
        if (_inputs.TryGetValue(name, out PinnedTensor? current) && ReferenceEquals(current.Tensor, tensor))
        {
            return;
        }

        PinnedTensor bound = tensor.PinForRuntime();
        Bind(() => _binding.BindInput(name, bound.Value), bound);
        ForgetInput(name);
        _inputs[name] = bound;
    }

    /// <summary>
    /// Binds an input whose contents stay the same for every run of this binding (for example the text embeddings of
    /// one generation). On CUDA the tensor is copied into device memory once, here, instead of at every run; on the
    /// CPU it is bound in place. Later changes to <paramref name="tensor"/> are not seen: bind it again.
    /// </summary>
    public void BindInputOnDevice(string name, DenseTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ThrowIfDisposed();
        if (_session.Provider != ExecutionProviderKind.Cuda)
        {
            BindInput(name, tensor);
            return;
        }

        _session.CheckTensor("input", _session.GetInput(name), tensor);
        Ort.OrtValue device;
        try
        {
            using var memory = new Ort.OrtMemoryInfo(Ort.OrtMemoryInfo.allocatorCUDA, Ort.OrtAllocatorType.DeviceAllocator, _session.DeviceId, Ort.OrtMemType.Default);
            using var allocator = new Ort.OrtAllocator(_session.Session, memory);
            device = Ort.OrtValue.CreateAllocatedTensorValue(allocator, (Ort.Tensors.TensorElementType)(int)tensor.ElementType, tensor.Shape.ToArray());
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OrtFailure.From(e, $"allocate input '{name}' of model '{_session.ModelPath}' on CUDA device {_session.DeviceId}", _session.ModelPath);
        }

        try
        {
            using PinnedTensor host = tensor.PinForRuntime();
            Ort.OrtEnv.Instance().CopyTensors([host.Value], [device], null);
            _binding.BindInput(name, device);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            device.Dispose();
            throw OrtFailure.From(e, $"copy input '{name}' of model '{_session.ModelPath}' to CUDA device {_session.DeviceId}", _session.ModelPath);
        }

        ForgetInput(name);
        _deviceInputs[name] = device;
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
        using Ort.IDisposableReadOnlyCollection<Ort.OrtValue> values = source.BoundOutputValues(out string[] names);
        int index = Array.IndexOf(names, sourceOutputName);
        if (index < 0 || index >= values.Count)
        {
            throw new InvalidOperationException($"Output '{sourceOutputName}' of model '{source._session.ModelPath}' has no value; bind it and run that binding first.");
        }

        // The native binding keeps its own reference to the data, so the values can be released here.
        Bind(() => _binding.BindInput(name, values.ElementAt(index)), null);
        ForgetInput(name);
    }

    /// <summary>Binds an output to a caller-allocated host tensor that every run overwrites.</summary>
    public void BindOutput(string name, DenseTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ThrowIfDisposed();
        _session.CheckTensor("output", _session.GetOutput(name), tensor);
        if (_outputs.TryGetValue(name, out PinnedTensor? current) && ReferenceEquals(current.Tensor, tensor))
        {
            return;
        }

        PinnedTensor bound = tensor.PinForRuntime();
        Bind(() => _binding.BindOutput(name, bound.Value), bound);
        if (_outputs.Remove(name, out PinnedTensor? old))
        {
            old.Dispose();
        }

        _outputs[name] = bound;
    }

    /// <summary>
    /// Lets ONNX Runtime allocate an output on the session's device (CUDA memory on the CUDA provider, host memory
    /// on the CPU). Read it with <see cref="GetOutput"/> or chain it with <see cref="BindInput(string, IoBinding, string)"/>.
    /// </summary>
    public void BindOutputToDevice(string name)
    {
        ThrowIfDisposed();
        _session.GetOutput(name);
        if (_session.Provider == ExecutionProviderKind.Cuda)
        {
            using var memory = new Ort.OrtMemoryInfo(Ort.OrtMemoryInfo.allocatorCUDA, Ort.OrtAllocatorType.DeviceAllocator, _session.DeviceId, Ort.OrtMemType.Default);
            Bind(() => _binding.BindOutputToDevice(name, memory), null);
        }
        else
        {
            Bind(() => _binding.BindOutputToDevice(name, Ort.OrtMemoryInfo.DefaultInstance), null);
        }

        if (_outputs.Remove(name, out PinnedTensor? old))
        {
            old.Dispose();
        }
    }

    /// <summary>Runs the session with the current bindings.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public void Run(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        using var scope = new RunScope(cancellationToken);
        try
        {
            _binding.SynchronizeBoundInputs();
            _session.Session.RunWithBinding(scope.Options, _binding);
            _binding.SynchronizeBoundOutputs();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw scope.Failure(e, _runOperation, _session.ModelPath);
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
        if (_outputs.TryGetValue(name, out PinnedTensor? bound))
        {
            return bound.Tensor;
        }

        using Ort.IDisposableReadOnlyCollection<Ort.OrtValue> values = BoundOutputValues(out string[] names);
        Ort.OrtValue value = ValueOf(name, values, names);
        ThrowIfNotHost(name, value);
        return ModelSession.CopyToManaged(value, _session.ModelPath);
    }

    /// <summary>Copies a device-bound output of the last run into an existing host tensor of the same shape and type.</summary>
    public void CopyOutputTo(string name, DenseTensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ThrowIfDisposed();
        using Ort.IDisposableReadOnlyCollection<Ort.OrtValue> values = BoundOutputValues(out string[] names);
        Ort.OrtValue value = ValueOf(name, values, names);
        ThrowIfNotHost(name, value);
        Ort.OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        var elementType = (TensorElementType)(int)info.ElementDataType;
        if (elementType != destination.ElementType || !info.Shape.AsSpan().SequenceEqual(destination.ShapeSpan))
        {
            throw new ArgumentException(
                $"Output '{name}' is {elementType} {DenseTensor.FormatShape(info.Shape)} but the destination is {destination.ElementType} {DenseTensor.FormatShape(destination.Shape)}.",
                nameof(destination));
        }

        value.GetTensorMutableRawData().CopyTo(destination.Bytes);
    }

    /// <summary>Releases the native binding and unpins every bound tensor.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        foreach (PinnedTensor bound in _inputs.Values.Concat(_outputs.Values))
        {
            bound.Dispose();
        }

        foreach (Ort.OrtValue device in _deviceInputs.Values)
        {
            device.Dispose();
        }

        _inputs.Clear();
        _outputs.Clear();
        _deviceInputs.Clear();
        _session.Lease.Exit();
    }

    private Ort.IDisposableReadOnlyCollection<Ort.OrtValue> BoundOutputValues(out string[] names)
    {
        ThrowIfDisposed();
        try
        {
            names = _binding.GetOutputNames();
            return _binding.GetOutputValues();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OrtFailure.From(e, $"read the bound outputs of model '{_session.ModelPath}'", _session.ModelPath);
        }
    }

    private Ort.OrtValue ValueOf(string name, IReadOnlyList<Ort.OrtValue> values, string[] names)
    {
        int index = Array.IndexOf(names, name);
        if (index < 0)
        {
            _session.GetOutput(name);
            throw new InvalidOperationException($"Output '{name}' of model '{_session.ModelPath}' is not bound; bind it before running.");
        }

        return index < values.Count && values[index].IsTensor
            ? values[index]
            : throw new InvalidOperationException($"Output '{name}' of model '{_session.ModelPath}' has no value yet; run the binding first.");
    }

    private void ThrowIfNotHost(string name, Ort.OrtValue value)
    {
        using Ort.OrtMemoryInfo memory = value.GetTensorMemoryInfo();
        if (!string.Equals(memory.Name, "Cpu", StringComparison.Ordinal) && !string.Equals(memory.Name, "CudaPinned", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Output '{name}' of model '{_session.ModelPath}' lives in {memory.Name} memory; bind it to a host tensor with BindOutput to read it, or pass it to another binding with BindInput.");
        }
    }

    private void Bind(Action bind, PinnedTensor? bound)
    {
        try
        {
            bind();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            bound?.Dispose();
            throw OrtFailure.From(e, _operation, _session.ModelPath);
        }
    }

    private void ForgetInput(string name)
    {
        if (_inputs.Remove(name, out PinnedTensor? old))
        {
            old.Dispose();
        }

        if (_deviceInputs.Remove(name, out Ort.OrtValue? device))
        {
            device.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

using System.Diagnostics;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Runs the UNet once per denoising step over buffers allocated once: the latent input, timestep, conditioning and
/// noise-prediction tensors are bound to I/O bindings at construction (the text embeddings on the session's device,
/// once per generation), and each step only rewrites the latent input and timestep in place. With classifier-free guidance the two halves run as one batch of 2, or as two
/// passes when the export fixes the batch at 1.
/// </summary>
internal sealed class UnetRunner : IDisposable
{
    private readonly int _latentLength;
    private readonly int _rowsPerPass;
    private readonly DenseTensor[] _samples;
    private readonly DenseTensor _timestep;
    private readonly DenseTensor?[] _halfOutputs;
    private readonly IoBinding[] _bindings;
    private readonly float[] _prediction;

    public UnetRunner(ModelSession session, UnetModel model, PromptConditioning conditioning, int latentHeight, int latentWidth, float[]? timestepCond)
    {
        int channels = model.LatentChannels;
        _latentLength = channels * latentHeight * latentWidth;
        int rows = conditioning.Rows;
        _rowsPerPass = model.FixedBatch == 1 ? 1 : rows;
        int passes = rows / _rowsPerPass;
        _prediction = new float[rows * _latentLength];
        _timestep = CreateTimestep(model, _rowsPerPass);
        TensorElementType outputType = session.GetOutput(UnetModel.OutputName).ElementType;

        _samples = new DenseTensor[passes];
        _halfOutputs = new DenseTensor?[passes];
        _bindings = new IoBinding[passes];
        int hiddenPerRow = conditioning.SequenceLength * conditioning.HiddenSize;
        try
        {
            for (int pass = 0; pass < passes; pass++)
            {
                _samples[pass] = TensorConversion.CreateFloating(model.SampleType, _rowsPerPass, channels, latentHeight, latentWidth);
                DenseTensor hidden = TensorConversion.CreateFloating(model.HiddenStatesType, _rowsPerPass, conditioning.SequenceLength, conditioning.HiddenSize);
                TensorConversion.Write(conditioning.HiddenStates.AsSpan(pass * _rowsPerPass * hiddenPerRow, _rowsPerPass * hiddenPerRow), hidden);

                // A float32 prediction is written by ONNX Runtime straight into the loop's buffer; float16 needs a conversion.
                DenseTensor output = outputType == TensorElementType.Float
                    ? new DenseTensor<float>(_prediction.AsMemory(pass * _rowsPerPass * _latentLength, _rowsPerPass * _latentLength), _rowsPerPass, channels, latentHeight, latentWidth)
                    : TensorConversion.CreateFloating(outputType, _rowsPerPass, channels, latentHeight, latentWidth);
                _halfOutputs[pass] = outputType == TensorElementType.Float ? null : output;

                IoBinding binding = session.CreateBinding();
                _bindings[pass] = binding;
                binding.BindInput(UnetModel.SampleName, _samples[pass]);
                binding.BindInput(UnetModel.TimestepName, _timestep);
                binding.BindInputOnDevice(UnetModel.HiddenStatesName, hidden);
                if (model.TimestepCondSize is int condSize)
                {
                    DenseTensor cond = TensorConversion.CreateFloating(session.GetInput(UnetModel.TimestepCondName).ElementType, _rowsPerPass, condSize);
                    for (int row = 0; row < _rowsPerPass; row++)
                    {
                        TensorConversion.Write(timestepCond ?? throw new ArgumentNullException(nameof(timestepCond)), cond, row * condSize);
                    }

                    binding.BindInputOnDevice(UnetModel.TimestepCondName, cond);
                }

                binding.BindOutput(UnetModel.OutputName, output);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Time spent inside ONNX Runtime so far.</summary>
    public TimeSpan InsideRuntime { get; private set; }

    /// <summary>
    /// Predicts the noise for every conditioning row from the same latents (scaled by <paramref name="inputScale"/>)
    /// at <paramref name="timestep"/>; the result holds one latent-sized block per row and is valid until the next call.
    /// </summary>
    public ReadOnlySpan<float> Predict(ReadOnlySpan<float> latents, float inputScale, float timestep, CancellationToken cancellationToken)
    {
        for (int pass = 0; pass < _samples.Length; pass++)
        {
            for (int row = 0; row < _rowsPerPass; row++)
            {
                TensorConversion.Write(latents, _samples[pass], row * _latentLength, inputScale);
            }
        }

        SetTimestep(timestep);
        for (int pass = 0; pass < _bindings.Length; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            _bindings[pass].Run(cancellationToken);
            InsideRuntime += Stopwatch.GetElapsedTime(start);
            if (_halfOutputs[pass] is DenseTensor half)
            {
                TensorConversion.Read(half, _prediction.AsSpan(pass * _rowsPerPass * _latentLength, _rowsPerPass * _latentLength));
            }
        }

        return _prediction;
    }

    public void Dispose()
    {
        foreach (IoBinding? binding in _bindings)
        {
            binding?.Dispose();
        }
    }

    private static DenseTensor CreateTimestep(UnetModel model, int rows)
    {
        long[] shape = model.TimestepRank == 0 ? [] : [model.TimestepIsBatched ? rows : 1];
        return model.TimestepType switch
        {
            TensorElementType.Int64 => DenseTensor<long>.Zeros(shape),
            TensorElementType.Int32 => DenseTensor<int>.Zeros(shape),
            TensorElementType.Float16 => DenseTensor<Half>.Zeros(shape),
            _ => DenseTensor<float>.Zeros(shape),
        };
    }

    private void SetTimestep(float timestep)
    {
        switch (_timestep)
        {
            case DenseTensor<long> longs:
                longs.Span.Fill((long)MathF.Round(timestep));
                break;
            case DenseTensor<int> ints:
                ints.Span.Fill((int)MathF.Round(timestep));
                break;
            case DenseTensor<Half> halves:
                halves.Span.Fill((Half)timestep);
                break;
            case DenseTensor<float> floats:
                floats.Span.Fill(timestep);
                break;
        }
    }
}

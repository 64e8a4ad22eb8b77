using System.Collections.ObjectModel;
using System.Globalization;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>The timesteps and start index a scheduler's <c>SetTimesteps</c> produced, with the index checks of
/// every per-step call.</summary>
internal sealed class StepPlan
{
    private float[] _timesteps = [];

    public StepPlan()
    {
        View = new ReadOnlyCollection<float>(_timesteps);
    }

    public int InferenceSteps { get; private set; }

    public int BeginIndex { get; private set; }

    public int Count => _timesteps.Length;

    public ReadOnlyCollection<float> View { get; private set; }

    public float this[int index] => _timesteps[index];

    public void Set(int inferenceSteps, float[] timesteps, int beginIndex)
    {
        InferenceSteps = inferenceSteps;
        _timesteps = timesteps;
        View = new ReadOnlyCollection<float>(timesteps);
        BeginIndex = beginIndex;
    }

    /// <summary>Throws unless timesteps are set and <paramref name="stepIndex"/> addresses one of them
    /// (or the end, when <paramref name="allowEnd"/>).</summary>
    public void CheckIndex(int stepIndex, bool allowEnd = false)
    {
        if (_timesteps.Length == 0)
        {
            throw new InvalidOperationException("Call SetTimesteps before stepping the scheduler.");
        }
        int limit = allowEnd ? _timesteps.Length : _timesteps.Length - 1;
        if (stepIndex < 0 || stepIndex > limit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(stepIndex),
                stepIndex,
                string.Create(CultureInfo.InvariantCulture, $"The step index must be between 0 and {limit}."));
        }
    }

    /// <summary>The checks every <c>Step</c> starts with: a valid step index and buffers of one length.</summary>
    public void CheckStep(int stepIndex, ReadOnlySpan<float> modelOutput, Span<float> sample, Span<float> predictedOriginal)
    {
        CheckIndex(stepIndex);
        CheckLengths(sample, modelOutput, nameof(modelOutput));
        if (!predictedOriginal.IsEmpty)
        {
            CheckLengths(sample, predictedOriginal, nameof(predictedOriginal));
        }
    }

    public static void CheckLengths(ReadOnlySpan<float> first, ReadOnlySpan<float> second, string secondName)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Latent buffers differ in length: {first.Length} and {second.Length} ({secondName})."),
                secondName);
        }
    }
}

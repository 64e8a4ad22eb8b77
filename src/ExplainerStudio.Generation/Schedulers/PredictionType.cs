namespace ExplainerStudio.Generation.Schedulers;

/// <summary>What the UNet predicts (scheduler_config.json <c>prediction_type</c>).</summary>
public enum PredictionType
{
    /// <summary>The added noise ε (SD 1.x, SD 2 base, SD-Turbo).</summary>
    Epsilon,

    /// <summary>The velocity v = √ᾱ·ε − √(1−ᾱ)·x₀ (SD 2.x 768 models).</summary>
    VPrediction,

    /// <summary>The clean sample x₀ itself.</summary>
    Sample,
}

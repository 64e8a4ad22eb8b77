namespace ExplainerStudio.Generation.Schedulers;

/// <summary>How the Euler schedulers turn a sigma into the timestep fed to the UNet.</summary>
public enum SigmaTimestepType
{
    /// <summary>The (possibly fractional) training timestep the sigma was interpolated at.</summary>
    Discrete,

    /// <summary><c>0.25·ln σ</c>, for v-prediction models trained on continuous noise levels (SVD).</summary>
    Continuous,
}

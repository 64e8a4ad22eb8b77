namespace ExplainerStudio.Generation.Schedulers;

/// <summary>The sigma the Euler schedulers step to after the last timestep.</summary>
public enum FinalSigma
{
    /// <summary>0: the last step lands on the clean sample.</summary>
    Zero,

    /// <summary>The smallest training sigma, σ at t = 0.</summary>
    SigmaMin,
}

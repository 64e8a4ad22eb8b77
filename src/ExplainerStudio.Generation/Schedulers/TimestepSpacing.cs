namespace ExplainerStudio.Generation.Schedulers;

/// <summary>How inference timesteps are picked from the training timesteps (diffusion.md B.6).</summary>
public enum TimestepSpacing
{
    /// <summary><c>t = i·(N div n) + steps_offset</c>, descending: SD 1.x's default.</summary>
    Leading,

    /// <summary><c>t = round(N − i·N/n) − 1</c>: starts at N − 1; what SD-Turbo and zero-SNR models want.</summary>
    Trailing,

    /// <summary><c>linspace(0, N − 1, n)</c> descending (rounded for DDIM, fractional for Euler).</summary>
    Linspace,
}

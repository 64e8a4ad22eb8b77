namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// The UNet's per-timestep constants: √ᾱ_t and √(1−ᾱ_t) [1000], and row-major [1000, 4] (timestep, latent channel)
/// weights of the sample itself (<see cref="Keep"/>) and of its blur (<see cref="Smooth"/>) in the x̂0 estimate.
/// </summary>
internal sealed record PrevizUNetTables(float[] SqrtAlphaCumprod, float[] SqrtOneMinusAlphaCumprod, float[] Keep, float[] Smooth);

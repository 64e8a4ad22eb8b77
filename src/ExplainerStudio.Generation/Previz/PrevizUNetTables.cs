namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// The UNet's per-timestep constants [1000]: √ᾱ_t, √(1−ᾱ_t), the prior's shrink γ_t and the range coefficient
/// ρ_t = −1/(2h_t²) of its edge-preserving filter.
/// </summary>
internal sealed record PrevizUNetTables(float[] SqrtAlphaCumprod, float[] SqrtOneMinusAlphaCumprod, float[] Shrink, float[] RangeCoefficient);

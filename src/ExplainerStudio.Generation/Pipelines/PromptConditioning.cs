namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// The UNet's <c>encoder_hidden_states</c> for one generation: one row per guidance half ([uncond, cond] with
/// classifier-free guidance, [cond] without), each the text tokens followed by any image tokens.
/// </summary>
/// <param name="HiddenStates">Rows × SequenceLength × HiddenSize floats.</param>
/// <param name="Rows">1 or 2.</param>
/// <param name="SequenceLength">Tokens per row: text tokens plus image tokens.</param>
/// <param name="HiddenSize">Width of each token.</param>
/// <param name="ImageTokens">How many of the tokens per row come from reference images.</param>
internal sealed record PromptConditioning(float[] HiddenStates, int Rows, int SequenceLength, int HiddenSize, int ImageTokens);

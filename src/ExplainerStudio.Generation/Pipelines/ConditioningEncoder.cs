using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Turns prompts and reference images into the UNet's conditioning: tokenise, run the text encoder, run the image
/// encoder on each reference (CLIP preprocessing, <see cref="ClipImageInput"/>) and append its tokens after the text tokens when the UNet
/// accepts image tokens (IP-Adapter style; the unconditional row gets zero image tokens).
/// </summary>
internal sealed class ConditioningEncoder
{
    private readonly OnnxRuntime _runtime;
    private readonly ModelPack _pack;

    public ConditioningEncoder(OnnxRuntime runtime, ModelPack pack)
    {
        _runtime = runtime;
        _pack = pack;
    }

    public PromptConditioning Encode(
        string prompt,
        string negativePrompt,
        bool guidance,
        IReadOnlyList<RgbImage> references,
        float referenceScale,
        CancellationToken cancellationToken)
    {
        int textTokens = _pack.TextEncoder.SequenceLength;
        int hidden = _pack.TextHiddenSize;
        float[] imageTokens = EncodeReferences(references, referenceScale, cancellationToken);
        int imageTokenCount = imageTokens.Length / hidden;

        // A UNet with a fixed sequence length takes exactly that many image tokens: pad with "no reference" zeros
        // or drop the surplus.
        if (_pack.RequiredImageTokens is int required)
        {
            imageTokenCount = required;
        }

        int sequence = textTokens + imageTokenCount;
        int rows = guidance ? 2 : 1;
        float[] states = new float[rows * sequence * hidden];
        int row = 0;
        if (guidance)
        {
            EncodeText(negativePrompt, states.AsSpan(0, textTokens * hidden), cancellationToken);
            row = 1;
        }

        Span<float> cond = states.AsSpan(row * sequence * hidden, sequence * hidden);
        EncodeText(prompt, cond[..(textTokens * hidden)], cancellationToken);
        int copied = Math.Min(imageTokens.Length, imageTokenCount * hidden);
        imageTokens.AsSpan(0, copied).CopyTo(cond[(textTokens * hidden)..]);
        return new PromptConditioning(states, rows, sequence, hidden, imageTokenCount);
    }

    private void EncodeText(string text, Span<float> destination, CancellationToken cancellationToken)
    {
        ModelSession session = _runtime.GetSession(_pack.TextEncoder.Path);
        int[] ids = _pack.Tokenizer.Encode(text);
        var outputs = session.Run(
            new Dictionary<string, DenseTensor> { [TextEncoderModel.InputIdsName] = TensorConversion.TokenIds(ids, _pack.TextEncoder.InputIdsType) },
            [TextEncoderModel.HiddenStateName],
            cancellationToken);
        TensorConversion.Read(outputs[TextEncoderModel.HiddenStateName], destination);
    }

    private float[] EncodeReferences(IReadOnlyList<RgbImage> references, float scale, CancellationToken cancellationToken)
    {
        ImageEncoderModel? encoder = _pack.ImageEncoder;
        if (references.Count == 0 || scale == 0f || encoder is null || !_pack.SupportsImageConditioning)
        {
            return [];
        }

        ModelSession session = _runtime.GetSession(encoder.Path);
        int tokenLength = encoder.TokensPerImage * _pack.TextHiddenSize;
        float[] tokens = new float[references.Count * tokenLength];
        for (int r = 0; r < references.Count; r++)
        {
            DenseTensor pixels = ClipPixels(references[r], encoder);
            DenseTensor embedding = session.Run(
                new Dictionary<string, DenseTensor> { [encoder.InputName] = pixels },
                [encoder.TokensOutputName],
                cancellationToken)[encoder.TokensOutputName];
            Span<float> target = tokens.AsSpan(r * tokenLength, tokenLength);
            TensorConversion.Read(embedding, target);
            for (int i = 0; i < target.Length; i++)
            {
                target[i] *= scale;
            }
        }

        return tokens;
    }

    private static DenseTensor ClipPixels(RgbImage image, ImageEncoderModel encoder)
    {
        // CLIP encoders take square inputs; a dynamic size gets CLIP's own 224.
        int size = encoder.InputHeight ?? encoder.InputWidth ?? ClipImageInput.DefaultSize;
        float[] planar = ClipImageInput.Create(image, size);
        DenseTensor tensor = TensorConversion.CreateFloating(encoder.InputType, 1, 3, size, size);
        TensorConversion.Write(planar, tensor);
        return tensor;
    }
}

using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// text_encoder: <c>input_ids</c> int32 [batch, 77] → <c>last_hidden_state</c> float32 [batch, 77, 64], a row
/// of a fixed token table plus a fixed position row. Colour words carry their colour in dims 0..3; every word's
/// dims 4..63 are pseudo-random (SplitMix64, unit norm); bos/eos rows are zero. Position rows are pseudo-random
/// with norm 0.1 and zero colour dims.
/// </summary>
internal static class PrevizTextEncoder
{
    public static float[] TokenTable(PrevizTokenizer tokenizer)
    {
        int width = PrevizDesign.TokenWidth;
        var table = new double[tokenizer.VocabularySize * width];
        var random = new SplitMix64(PrevizDesign.WordSeed);
        double rowScale = 1.0 / Math.Sqrt(width - PrevizDesign.ColourDims);
        for (int id = 0; id < tokenizer.VocabularySize; id++)
        {
            for (int d = PrevizDesign.ColourDims; d < width; d++)
            {
                double value = random.NextStandardish() * rowScale;

                // bos, eos and padding carry nothing, so an empty prompt means "no tint" and the mean over the
                // sequence is the prompt's words alone (diluted by the sequence length).
                bool special = id == tokenizer.BosId || id == tokenizer.EosId;
                table[(id * width) + d] = special ? 0.0 : value;
            }
        }

        foreach ((string word, byte r, byte g, byte b) in PrevizVocabulary.ColourWords)
        {
            double[] colour = PrevizColorSpace.ToScaledLatent(ToSigned(r), ToSigned(g), ToSigned(b));
            int row = tokenizer.WordId(word) * width;
            for (int d = 0; d < PrevizDesign.ColourDims; d++)
            {
                table[row + d] = colour[d];
            }
        }

        return PrevizDesign.ToFloats(table);
    }

    public static float[] PositionTable()
    {
        int width = PrevizDesign.TokenWidth;
        var table = new double[PrevizTokenizer.MaxLength * width];
        var random = new SplitMix64(PrevizDesign.PositionSeed);
        double rowScale = PrevizDesign.PositionScale / Math.Sqrt(width - PrevizDesign.ColourDims);
        for (int position = 0; position < PrevizTokenizer.MaxLength; position++)
        {
            for (int d = PrevizDesign.ColourDims; d < width; d++)
            {
                table[(position * width) + d] = random.NextStandardish() * rowScale;
            }
        }

        return PrevizDesign.ToFloats(table);
    }

    public static byte[] Build(PrevizTokenizer tokenizer)
    {
        int width = PrevizDesign.TokenWidth;
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_text_encoder",
            "Previz text encoder: token table row + position row. Designed, not learned.");
        model.AddInput("input_ids", OnnxElementType.Int32, "batch", PrevizTokenizer.MaxLength);
        string tokens = model.Constant(OnnxTensor.FromFloat("token_embedding", [tokenizer.VocabularySize, width], TokenTable(tokenizer)));
        string positions = model.Constant(OnnxTensor.FromFloat("position_embedding", [PrevizTokenizer.MaxLength, width], PositionTable()));
        string embedded = model.Apply("Gather", [tokens, "input_ids"], OnnxAttribute.Int("axis", 0));
        model.AddNode("Add", [embedded, positions], ["last_hidden_state"]);
        model.AddOutput("last_hidden_state", OnnxElementType.Float, "batch", PrevizTokenizer.MaxLength, width);
        return model.ToBytes();
    }

    private static double ToSigned(byte value) => (2.0 * value / 255.0) - 1.0;
}

namespace ExplainerStudio.Generation.Text;

/// <summary>
/// The special token strings of a CLIP tokenizer and the fixed sequence length, as a pack's
/// <c>special_tokens_map.json</c> / <c>tokenizer_config.json</c> declare them.
/// </summary>
/// <param name="Bos">Start-of-text token, first in every sequence.</param>
/// <param name="Eos">End-of-text token, after the content tokens.</param>
/// <param name="Pad">Fills the sequence up to <paramref name="MaxLength"/>: <c>&lt;|endoftext|&gt;</c> for SD 1.x,
/// <c>!</c> (id 0) for SD 2.x tokenizers.</param>
/// <param name="Unk">Stands in for a BPE symbol missing from the vocabulary.</param>
/// <param name="MaxLength">Sequence length fed to the text encoder, bos and eos included (77 for CLIP).</param>
public sealed record ClipSpecialTokens(string Bos, string Eos, string Pad, string Unk, int MaxLength)
{
    /// <summary>CLIP's start-of-text token.</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <summary>CLIP's end-of-text token, also its unknown token.</summary>
    public const string EndOfText = "<|endoftext|>";

    /// <summary>The SD 1.x defaults: pad and unk are <c>&lt;|endoftext|&gt;</c>, 77 tokens.</summary>
    public static ClipSpecialTokens Default { get; } = new(StartOfText, EndOfText, EndOfText, EndOfText, 77);
}

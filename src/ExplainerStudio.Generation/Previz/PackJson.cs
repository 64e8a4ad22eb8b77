using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ExplainerStudio.Generation.Previz;

/// <summary>Writes the pack's JSON files the same way on every platform: two-space indent, LF, final newline.</summary>
internal static class PackJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // vocab.json holds non-ASCII byte symbols; keep them readable as the Hugging Face files do.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> writeBody)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writeBody(writer);
        }

        stream.Write("\n"u8);
        return stream.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}

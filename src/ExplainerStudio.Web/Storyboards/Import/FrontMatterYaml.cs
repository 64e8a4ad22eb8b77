using System.Text;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// The part of YAML a script's front matter needs: block mappings and sequences by indentation, plain, single- and
/// double-quoted scalars, literal (<c>|</c>) and folded (<c>&gt;</c>) blocks, and comments. Anything else (flow
/// collections, anchors, tags, tabs for indentation) is refused with its line, rather than read wrongly.
/// </summary>
internal static class FrontMatterYaml
{
    private readonly record struct Row(int Line, int Indent, string Text);

    public static FrontMatterNode Parse(IReadOnlyList<string> lines, int firstLine)
    {
        var rows = new List<Row>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var number = firstLine + i;
            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent < line.Length && line[indent] == '\t')
            {
                throw Error(number, "indents with a tab; YAML indents with spaces");
            }
            var text = StripComment(line[indent..]).TrimEnd();
            rows.Add(new Row(number, indent, text));
        }
        var position = 0;
        SkipBlank(rows, ref position);
        if (position >= rows.Count)
        {
            return new FrontMatterNode(firstLine, Mapping: []);
        }
        var node = ParseBlock(rows, ref position, rows[position].Indent);
        SkipBlank(rows, ref position);
        if (position < rows.Count)
        {
            throw Error(rows[position].Line, "is indented less than the lines before it belong to; check the indentation");
        }
        return node;
    }

    private static FrontMatterNode ParseBlock(List<Row> rows, ref int position, int indent)
    {
        var row = rows[position];
        return row.Text == "-" || row.Text.StartsWith("- ", StringComparison.Ordinal)
            ? ParseSequence(rows, ref position, indent)
            : ParseMapping(rows, ref position, indent);
    }

    private static FrontMatterNode ParseSequence(List<Row> rows, ref int position, int indent)
    {
        var items = new List<FrontMatterNode>();
        var start = rows[position].Line;
        while (position < rows.Count && rows[position].Indent == indent && (rows[position].Text == "-" || rows[position].Text.StartsWith("- ", StringComparison.Ordinal)))
        {
            var row = rows[position];
            var rest = row.Text.Length > 1 ? row.Text[2..].TrimStart() : "";
            if (rest.Length == 0)
            {
                position++;
                SkipBlank(rows, ref position);
                items.Add(position < rows.Count && rows[position].Indent > indent
                    ? ParseBlock(rows, ref position, rows[position].Indent)
                    : new FrontMatterNode(row.Line, Scalar: ""));
            }
            else if (KeyOf(rest) is not null)
            {
                // "- name: Ada" opens a mapping whose keys line up with "name".
                var itemIndent = indent + (row.Text.Length - rest.Length);
                rows[position] = row with { Indent = itemIndent, Text = rest };
                items.Add(ParseMapping(rows, ref position, itemIndent));
            }
            else
            {
                position++;
                items.Add(new FrontMatterNode(row.Line, Scalar: Scalar(rest, row.Line)));
            }
            SkipBlank(rows, ref position);
        }
        return new FrontMatterNode(start, Sequence: items);
    }

    private static FrontMatterNode ParseMapping(List<Row> rows, ref int position, int indent)
    {
        var entries = new List<(string, FrontMatterNode)>();
        var start = rows[position].Line;
        while (position < rows.Count && rows[position].Indent == indent)
        {
            var row = rows[position];
            var key = KeyOf(row.Text) ?? throw Error(row.Line, $"'{Shorten(row.Text)}' is not 'key: value'");
            if (entries.Any(e => string.Equals(e.Item1, key, StringComparison.OrdinalIgnoreCase)))
            {
                throw Error(row.Line, $"repeats the key '{key}'");
            }
            var rest = row.Text[(row.Text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            position++;
            FrontMatterNode value;
            if (rest is "|" or "|-" or ">" or ">-")
            {
                value = new FrontMatterNode(row.Line, Scalar: BlockScalar(rows, ref position, indent, folded: rest[0] == '>'));
            }
            else if (rest.Length > 0)
            {
                value = new FrontMatterNode(row.Line, Scalar: Scalar(rest, row.Line));
            }
            else
            {
                SkipBlank(rows, ref position);
                value = position < rows.Count && (rows[position].Indent > indent
                        || rows[position].Indent == indent && rows[position].Text.StartsWith('-'))
                    ? ParseBlock(rows, ref position, rows[position].Indent)
                    : new FrontMatterNode(row.Line, Scalar: "");
            }
            entries.Add((key, value));
            SkipBlank(rows, ref position);
        }
        if (position < rows.Count && rows[position].Indent > indent)
        {
            throw Error(rows[position].Line, "is indented more than the key before it allows; check the indentation");
        }
        return new FrontMatterNode(start, Mapping: entries);
    }

    private static string BlockScalar(List<Row> rows, ref int position, int indent, bool folded)
    {
        var lines = new List<string>();
        var blockIndent = -1;
        while (position < rows.Count && (rows[position].Text.Length == 0 || rows[position].Indent > indent))
        {
            var row = rows[position++];
            if (row.Text.Length > 0 && blockIndent < 0)
            {
                blockIndent = row.Indent;
            }
            lines.Add(row.Text.Length == 0 ? "" : new string(' ', Math.Max(0, row.Indent - blockIndent)) + row.Text);
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return folded ? string.Join(" ", lines).Trim() : string.Join("\n", lines);
    }

    private static string? KeyOf(string text)
    {
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon + 1 < text.Length && text[colon + 1] != ' ')
        {
            return null;
        }
        var key = text[..colon].Trim();
        return key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or ' ') ? key : null;
    }

    private static string Scalar(string text, int line)
    {
        if (text[0] is '[' or '{')
        {
            throw Error(line, "uses a flow collection ('[...]' or '{...}'); write one item per line instead");
        }
        if (text[0] is '&' or '*' or '!')
        {
            throw Error(line, "uses a YAML anchor, alias or tag, which a script's front matter does not support");
        }
        if (text[0] == '"')
        {
            var value = new StringBuilder();
            for (var i = 1; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"')
                {
                    return i == text.Length - 1 ? value.ToString() : throw Error(line, "has text after a closing quote");
                }
                if (c == '\\' && i + 1 < text.Length)
                {
                    c = text[++i] switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', '/' => '/', var other => throw Error(line, $"has an unknown escape '\\{other}'") };
                }
                value.Append(c);
            }
            throw Error(line, "opens a double quote that is not closed on the same line");
        }
        if (text[0] == '\'')
        {
            if (text.Length < 2 || text[^1] != '\'')
            {
                throw Error(line, "opens a single quote that is not closed on the same line");
            }
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>'#' starts a comment at the start of a line or after a space, outside quotes.</summary>
    private static string StripComment(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote && (quote == '\'' || text[i - 1] != '\\'))
                {
                    quote = null;
                }
            }
            else if ((c is '"' or '\'') && (i == 0 || text[i - 1] is ' ' or ':' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || text[i - 1] == ' '))
            {
                return text[..i];
            }
        }
        return text;
    }

    private static void SkipBlank(List<Row> rows, ref int position)
    {
        while (position < rows.Count && rows[position].Text.Length == 0)
        {
            position++;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";

    private static StudioInputException Error(int line, string what) =>
        new($"Line {line}: the front matter {what}.");
}

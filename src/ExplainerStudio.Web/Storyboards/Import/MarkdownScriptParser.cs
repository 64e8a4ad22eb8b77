using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Reads a Markdown script from Markdig's syntax tree. <c>#</c> starts a scene and <c>##</c> a shot. A script with
/// dialogue (<c>NAME: text</c>, <c>&gt; **Name:** text</c>) is structured: a shot's prose is its description. A script
/// without dialogue is narrated: its prose is broken down into shots with Narrator lines (<see cref="ProseBreakdown"/>),
/// and so is every scene that has no <c>##</c> shots and every <c>##</c> question (a FAQ) without dialogue. Code blocks
/// and tables never make scenes, shots or lines: they are kept as the notes of the shot they follow.
/// </summary>
internal sealed partial class MarkdownScriptParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    private readonly ScriptText _script;
    private readonly PlanBuilder _plan;
    private bool _structured;

    private MarkdownScriptParser(ScriptText script, PlanBuilder plan)
    {
        _script = script;
        _plan = plan;
    }

    public static ScriptImportPlan Parse(ScriptText script, PlanBuilder plan)
    {
        var parser = new MarkdownScriptParser(script, plan);
        parser.Read();
        script.RequireNoControlCharacters();
        return plan.Build("The script has no headings. Start each scene with '# Scene title' and each shot with '## Shot title'.");
    }

    private void Read()
    {
        var blocks = Markdown.Parse(_script.Text, Pipeline).ToList();
        if (blocks.FirstOrDefault() is YamlFrontMatterBlock front)
        {
            var lines = front.Lines.Lines.Take(front.Lines.Count).Select(l => l.Slice.ToString()).ToList();
            FrontMatterReader.Read(lines, front.Line + 2, _plan);
            blocks.RemoveAt(0);
        }
        _structured = HasDialogue(blocks);

        var sections = Sections(blocks);
        var hasHeadings = sections.Any(s => s.Heading is not null);
        for (var i = 0; i < sections.Count; i++)
        {
            var (heading, body) = sections[i];
            if (heading is null)
            {
                Preamble(body, hasHeadings);
            }
            else if (heading.Level == 1)
            {
                _plan.StartScene(ImportText.Title(PlainText(heading.Inline), "scene", heading.Line + 1), heading.Line + 1);
                var hasShots = i + 1 < sections.Count && sections[i + 1].Heading is { Level: 2 };
                if (hasShots && _structured)
                {
                    Skip(body);
                }
                else
                {
                    BreakDown(body, title: null);
                }
            }
            else
            {
                ShotSection(heading, body);
            }
        }
    }

    private void Preamble(List<Block> body, bool hasHeadings)
    {
        if (body.Count == 0)
        {
            return;
        }
        if (_structured)
        {
            Skip(body);
            return;
        }
        var line = body[0].Line + 1;
        var title = _plan.ProjectSettings?.Title ?? (hasHeadings ? "Introduction" : "Scene 1");
        if (!hasHeadings)
        {
            _plan.Warnings.Add($"The script has no '#' headings; everything is in one scene, '{title}'.");
        }
        _plan.StartScene(title, line);
        BreakDown(body, title: null);
    }

    private void ShotSection(HeadingBlock heading, List<Block> body)
    {
        var line = heading.Line + 1;
        var title = ImportText.Title(PlainText(heading.Inline), "shot", line);
        if (_plan.CurrentScene is null)
        {
            _plan.StartScene("Scene 1", line);
            _plan.Warnings.Add($"Line {line}: a shot came before any '#' scene heading; it was put in a scene named 'Scene 1'.");
        }
        var narrated = !_structured || title.EndsWith('?') && !HasDialogue(body);
        if (narrated)
        {
            BreakDown(body, title);
            return;
        }

        var shot = _plan.AddShot(title, line);
        foreach (var block in body)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    foreach (var source in Lines(paragraph))
                    {
                        if (Dialogue(source, quoted: false) is { } spoken)
                        {
                            AddLine(shot, spoken);
                        }
                        else
                        {
                            shot.AddDescription(source.Source, source.Line, source.Line);
                        }
                    }
                    break;
                case QuoteBlock quote when HasDialogue([quote]):
                    foreach (var child in quote)
                    {
                        if (child is ParagraphBlock quoted)
                        {
                            foreach (var source in Lines(quoted))
                            {
                                if (Dialogue(source, quoted: true) is { } spoken)
                                {
                                    AddLine(shot, spoken);
                                }
                                else
                                {
                                    shot.AddDescription("> " + source.Source, source.Line, source.Line);
                                }
                            }
                        }
                        else
                        {
                            AddSource(shot, child);
                        }
                    }
                    break;
                case CodeBlock code:
                    shot.AddNotes(ImportText.Body(CodeNotes(code), "code sample", StoryboardRules.MaxDescriptionLength, code.Line + 1));
                    break;
                case LinkReferenceDefinitionGroup:
                    break;
                default:
                    AddSource(shot, block);
                    break;
            }
        }
    }

    private void AddLine(ShotDraft shot, (string Speaker, string Text, int Line) spoken)
    {
        var speaker = _plan.Speaker(spoken.Speaker, spoken.Line);
        var text = ImportText.Body(spoken.Text, "dialogue line", StoryboardRules.MaxDialogueLength, spoken.Line, "Split it into shorter lines.");
        shot.Dialogue.Add(new ImportLine(speaker, text));
    }

    private void AddSource(ShotDraft shot, Block block)
    {
        var (text, first, last) = Source(block);
        shot.AddDescription(ImportText.Body(text, "description", StoryboardRules.MaxDescriptionLength, first), first, last);
    }

    /// <summary>Prose into narrated shots; <paramref name="title"/> (a <c>##</c> heading) names the first of them.</summary>
    private void BreakDown(List<Block> body, string? title)
    {
        var breakdown = new ProseBreakdown(_plan);
        breakdown.Title(title);
        foreach (var block in body)
        {
            BreakDown(block, breakdown, quoted: false);
        }
        if (title is not null)
        {
            breakdown.EnsureTitledShot(body.Count > 0 ? body[0].Line + 1 : _plan.CurrentScene!.Line);
        }
    }

    private void BreakDown(Block block, ProseBreakdown breakdown, bool quoted)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                var prose = new List<MarkdownLine>();
                var dialogue = new List<(string, string, int)>();
                foreach (var line in Lines(paragraph))
                {
                    if (Dialogue(line, quoted) is { } spoken)
                    {
                        Narrate(breakdown, prose);
                        dialogue.Add(spoken);
                    }
                    else
                    {
                        breakdown.Dialogue(dialogue);
                        dialogue.Clear();
                        prose.Add(line);
                    }
                }
                Narrate(breakdown, prose);
                breakdown.Dialogue(dialogue);
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    BreakDown(child, breakdown, quoted: true);
                }
                break;
            case HeadingBlock heading:
                breakdown.Title(ImportText.Title(PlainText(heading.Inline), "shot", heading.Line + 1));
                break;
            case ListBlock list:
                var items = list.OfType<ListItemBlock>()
                    .Select(item => (Text: string.Join(" ", item.Descendants<ParagraphBlock>().Select(p => PlainText(p.Inline).Trim())).Trim(), Line: item.Line + 1))
                    .ToList();
                var (markdown, first, last) = Source(list);
                breakdown.List(items, markdown, first, last);
                break;
            case CodeBlock code:
                breakdown.Notes(CodeNotes(code), code.Line + 1);
                break;
            case Table table:
                breakdown.Notes(Source(table).Text, table.Line + 1);
                break;
            case HtmlBlock html:
                _plan.Warnings.Add($"Line {html.Line + 1}: HTML was skipped; descriptions are Markdown without HTML.");
                break;
            case ThematicBreakBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    BreakDown(child, breakdown, quoted);
                }
                break;
            default:
                _plan.Warnings.Add($"Line {block.Line + 1}: a {block.GetType().Name} was skipped.");
                break;
        }
    }

    private static void Narrate(ProseBreakdown breakdown, List<MarkdownLine> prose)
    {
        if (prose.Count > 0)
        {
            breakdown.Narrate(string.Join(" ", prose.Select(p => p.Plain.Trim())), prose[0].Line);
            prose.Clear();
        }
    }

    /// <summary>Text where a structured script has no shot to put it in: skipped, each line with a warning; code waits for the next shot.</summary>
    private void Skip(List<Block> body)
    {
        foreach (var block in body)
        {
            if (block is ParagraphBlock paragraph)
            {
                foreach (var line in Lines(paragraph))
                {
                    var what = Dialogue(line, quoted: false) is null ? "text" : "dialogue";
                    _plan.Warnings.Add($"Line {line.Line}: {what} outside a '##' shot was skipped: \"{Shorten(line.Source)}\".");
                }
            }
            else if (block is CodeBlock code)
            {
                _plan.AddNotes(CodeNotes(code), code.Line + 1);
            }
            else if (block is not (LinkReferenceDefinitionGroup or BlankLineBlock))
            {
                var (text, first, _) = Source(block);
                _plan.Warnings.Add($"Line {first}: text outside a '##' shot was skipped: \"{Shorten(text.Split('\n')[0])}\".");
            }
        }
    }

    /// <summary>Whether any paragraph (or quoted paragraph) line is dialogue, learning names the way the import will.</summary>
    private bool HasDialogue(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            if (block is ParagraphBlock paragraph && Lines(paragraph).Any(l => Dialogue(l, quoted: false) is not null))
            {
                return true;
            }
            if (block is QuoteBlock quote && quote.Descendants<ParagraphBlock>().Any(p => Lines(p).Any(l => Dialogue(l, quoted: true) is not null)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// <c>NAME: text</c> (a name in capitals or one the project or the script already has, so that "Note: …" stays
    /// prose) or, in a block quote, <c>**Name:** text</c>.
    /// </summary>
    private (string Speaker, string Text, int Line)? Dialogue(MarkdownLine line, bool quoted)
    {
        if (quoted && QuotedDialogue().Match(line.Source) is { Success: true } bold)
        {
            var colon = line.Plain.IndexOf(':', StringComparison.Ordinal);
            var text = colon >= 0 ? line.Plain[(colon + 1)..].Trim() : bold.Groups["text"].Value;
            return (bold.Groups["name"].Value.Trim(), text, line.Line);
        }
        var plain = PlainDialogue().Match(line.Source);
        if (!plain.Success)
        {
            return null;
        }
        var name = plain.Groups["name"].Value.Trim();
        var isCapitals = name.Any(char.IsLetter) && name.Where(char.IsLetter).All(char.IsUpper);
        if (!isCapitals && !_plan.IsKnown(name))
        {
            return null;
        }
        var start = line.Plain.IndexOf(':', StringComparison.Ordinal);
        return (name, line.Plain[(start + 1)..].Trim(), line.Line);
    }

    /// <summary>A paragraph's lines: Markdig keeps no line list for a parsed paragraph, so they come from its inlines' source spans.</summary>
    private List<MarkdownLine> Lines(ParagraphBlock paragraph)
    {
        var lines = new List<MarkdownLine>();
        if (paragraph.Inline is null)
        {
            return lines;
        }
        var group = new List<Inline>();
        foreach (var inline in paragraph.Inline)
        {
            if (inline is LineBreakInline)
            {
                AddLine(lines, group);
                group.Clear();
            }
            else
            {
                group.Add(inline);
            }
        }
        AddLine(lines, group);
        return lines;
    }

    private void AddLine(List<MarkdownLine> lines, List<Inline> group)
    {
        if (group.Count == 0)
        {
            return;
        }
        var start = group.Min(i => i.Span.Start);
        var end = group.Max(i => i.Span.End);
        var source = _script.Slice(start, end).Trim();
        var plain = string.Concat(group.Select(PlainText)).Trim();
        if (source.Length > 0 || plain.Length > 0)
        {
            lines.Add(new MarkdownLine(source, plain, _script.LineOf(start)));
        }
    }

    private (string Text, int First, int Last) Source(Block block) =>
        (_script.Slice(block.Span.Start, block.Span.End).Trim(), _script.LineOf(block.Span.Start), _script.LineOf(block.Span.End));

    /// <summary>Code kept as notes, re-fenced so that it stays code wherever it is appended.</summary>
    private static string CodeNotes(CodeBlock code)
    {
        var body = string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString()));
        var fence = body.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        var info = code is FencedCodeBlock fenced ? fenced.Info ?? "" : "";
        return $"{fence}{info}\n{body}\n{fence}";
    }

    private static string PlainText(Inline? inline) => inline switch
    {
        null => "",
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        LineBreakInline => " ",
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        AutolinkInline autolink => autolink.Url,
        HtmlInline => "",
        LinkInline { IsImage: true } => "",
        ContainerInline container => string.Concat(container.Select(PlainText)),
        _ => "",
    };

    private static List<(HeadingBlock? Heading, List<Block> Body)> Sections(List<Block> blocks)
    {
        var sections = new List<(HeadingBlock?, List<Block>)> { (null, []) };
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: 1 or 2 } heading)
            {
                sections.Add((heading, []));
            }
            else
            {
                sections[^1].Item2.Add(block);
            }
        }
        return sections;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line.Trim() : line[..57].Trim() + "…";

    [GeneratedRegex(@"^\*\*(?<name>[^*:]{1,80}):\*\*\s*(?<text>\S.*)$")]
    private static partial Regex QuotedDialogue();

    [GeneratedRegex(@"^(?<name>[\p{L}][\p{L}\p{N} .'\-]{0,79}):\s+(?<text>\S.*)$")]
    private static partial Regex PlainDialogue();
}

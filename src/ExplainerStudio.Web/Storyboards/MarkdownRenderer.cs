using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>
/// Shot descriptions are Markdown written by teammates. Raw HTML is disabled and links or images with a scheme
/// other than http(s) or mailto are neutralised, so nothing a description says can run in a teammate's browser.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .Build();

    public string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        // CommonMark autolinks (<scheme:...>) are a separate inline type and accept any scheme, javascript: included;
        // an unsafe one keeps its text and loses the link.
        foreach (var autolink in document.Descendants<AutolinkInline>().Where(a => !a.IsEmail && !IsSafe(a.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        return document.ToHtml(_pipeline);
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }
        var scheme = url[..colon].Trim();
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>
/// Mentions are written "@Display Name", as the completion inserts them. Display names may hold spaces, so a mention is
/// the longest member name that follows the "@"; an "@" inside a word (an e-mail address) is no mention, and an "@"
/// followed by a name no member has is reported so that the writer can fix it instead of mentioning nobody.
/// </summary>
public static class CommentMentions
{
    /// <summary>How far a typed mention prefix reaches back for the completion ("@Ada Lo" is still one prefix).</summary>
    public const int MaxPrefixLength = 40;

    public static MentionScan Find(string body, IReadOnlyList<MentionCandidate> members)
    {
        var byLength = members.Where(m => m.DisplayName.Length > 0).OrderByDescending(m => m.DisplayName.Length).ToList();
        var found = new List<MentionCandidate>();
        var unknown = new List<string>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '@' || !StartsMention(body, i))
            {
                continue;
            }
            var start = i + 1;
            var member = byLength.FirstOrDefault(m => string.Compare(body, start, m.DisplayName, 0, m.DisplayName.Length, StringComparison.OrdinalIgnoreCase) == 0
                && body.Length - start >= m.DisplayName.Length
                && (body.Length - start == m.DisplayName.Length || !IsWordCharacter(body[start + m.DisplayName.Length])));
            if (member is not null)
            {
                if (!found.Contains(member))
                {
                    found.Add(member);
                }
                i += member.DisplayName.Length;
                continue;
            }
            var word = new StringBuilder();
            for (var j = i + 1; j < body.Length && IsNameCharacter(body[j]); j++)
            {
                word.Append(body[j]);
            }
            var name = word.ToString().TrimEnd('.', '-', '\'');
            if (name.Length > 0 && !unknown.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                unknown.Add(name);
            }
        }
        return new MentionScan(found, unknown);
    }

    /// <summary>
    /// The mention being typed at the end of <paramref name="text"/> ("@Ad" gives "Ad", a bare "@" gives ""), or null
    /// when the text does not end in one.
    /// </summary>
    public static string? TypedPrefix(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var at = text.LastIndexOf('@');
        if (at < 0 || text.Length - at - 1 > MaxPrefixLength || !StartsMention(text, at))
        {
            return null;
        }
        var prefix = text[(at + 1)..];
        return prefix.Contains('\n', StringComparison.Ordinal) || prefix.StartsWith(' ') ? null : prefix;
    }

    /// <summary>Replaces the mention being typed at the end of <paramref name="text"/> with the member's full name.</summary>
    public static string Complete(string text, MentionCandidate member)
    {
        var at = text.LastIndexOf('@');
        return text[..(at + 1)] + member.DisplayName + " ";
    }

    /// <summary>Marks the mentions of <paramref name="names"/> in rendered comment HTML, so they stand out.</summary>
    public static string Highlight(string html, IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => n.Length > 0).OrderByDescending(n => n.Length))
        {
            var encoded = WebUtility.HtmlEncode(name);
            html = Regex.Replace(html, @"(?<![\w@])@" + Regex.Escape(encoded) + @"(?![\w])",
                match => "<span class=\"studio-mention\">" + match.Value + "</span>",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        return html;
    }

    private static bool StartsMention(string text, int at) =>
        at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '@' or '.' or '_' or '-');

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '\'';
}

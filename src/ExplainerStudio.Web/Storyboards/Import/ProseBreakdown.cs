using System.Globalization;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Breaks prose into narrated shots. A paragraph becomes one shot, or several when it is longer than the target shot
/// length: sentences are grouped up to that much speech at the Narrator's rate. Each shot's description is its text
/// and its narration a line of the Narrator. A short list (at most <see cref="MaxBulletItems"/> items whose narration
/// fits the target) becomes one shot with the bullets as on-screen text and a line per item; a longer list, one shot
/// per item. Named dialogue becomes a shot with those lines.
/// </summary>
internal sealed class ProseBreakdown(PlanBuilder plan)
{
    public const int MaxBulletItems = 6;
    private const int MaxTitleLength = 60;

    private string? _title;
    private int _titleUses;
    private int _shotsMade;
    private ShotDraft? _reserved;

    /// <summary>The shots that follow are titled <paramref name="title"/>, then "title (2)", "title (3)".</summary>
    public void Title(string? title)
    {
        _reserved = null;
        _title = title;
        _titleUses = 0;
    }

    public int ShotsMade => _shotsMade;

    public void Narrate(string text, int line)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return;
        }
        var narrator = plan.Narrator(line);
        var rate = plan.RateOf(narrator);
        var target = plan.Settings.TargetShotSeconds;
        var group = new List<string>();
        foreach (var sentence in SentenceSplitter.Split(text).SelectMany(s => Chunks(s, line, _title)))
        {
            var candidate = string.Join(" ", group.Append(sentence));
            if (group.Count > 0 && (SpeechEstimate.Seconds(candidate, rate) > target || candidate.Length > StoryboardRules.MaxDialogueLength))
            {
                NarratedShot(string.Join(" ", group), narrator, line);
                group.Clear();
            }
            group.Add(sentence);
        }
        if (group.Count > 0)
        {
            NarratedShot(string.Join(" ", group), narrator, line);
        }
    }

    public void Dialogue(IReadOnlyList<(string Speaker, string Text, int Line)> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var spoken = lines.Select(l => new ImportLine(plan.Speaker(l.Speaker, l.Line), Spoken(l.Text, l.Line))).ToList();
        var shot = NewShot(spoken[0].Text, lines[0].Line);
        shot.Dialogue.AddRange(spoken);
    }

    /// <summary>Each item is its plain text; <paramref name="markdown"/> is the list as written, for on-screen bullets.</summary>
    public void List(IReadOnlyList<(string Text, int Line)> items, string markdown, int firstLine, int lastLine)
    {
        var spoken = items.Where(i => i.Text.Length > 0).ToList();
        if (spoken.Count == 0)
        {
            return;
        }
        var narrator = plan.Narrator(firstLine);
        var lines = spoken.Select(i => new ImportLine(narrator, i.Text)).ToList();
        var fits = spoken.Count <= MaxBulletItems
            && spoken.All(i => i.Text.Length <= StoryboardRules.MaxDialogueLength)
            && plan.Settings.SpeechSeconds(lines, plan.RateOf) <= plan.Settings.TargetShotSeconds + plan.Settings.LeadInSeconds + plan.Settings.TailSeconds + plan.Settings.GapSeconds * (lines.Count - 1);
        if (!fits)
        {
            foreach (var (text, line) in spoken)
            {
                Narrate(text, line);
            }
            return;
        }
        var shot = NewShot(spoken[0].Text, firstLine);
        shot.AddDescription(ImportText.Body(markdown, "list", StoryboardRules.MaxDescriptionLength, firstLine), firstLine, lastLine);
        shot.Dialogue.AddRange(lines.Select((l, i) => l with { Text = Spoken(l.Text, spoken[i].Line) }));
    }

    /// <summary>Code and tables: with the shot a pending heading names (so that "## Install" keeps its sample), else with the latest shot.</summary>
    public void Notes(string markdown, int line)
    {
        if (_title is not null && _titleUses == 0)
        {
            _reserved = NewShot(_title, line);
        }
        plan.AddNotes(markdown, line);
    }

    /// <summary>A heading that was given no shot still gets one, so that a FAQ question without an answer is not lost.</summary>
    public void EnsureTitledShot(int line)
    {
        if (_title is not null && _titleUses == 0)
        {
            NewShot(_title, line);
        }
    }

    /// <summary>A title from the start of a text: its first sentence, cut at a word to at most 60 characters.</summary>
    public static string TitleOf(string text, string fallback)
    {
        var sentence = SentenceSplitter.Split(text.Replace('\n', ' ')).FirstOrDefault() ?? "";
        sentence = new string(sentence.Where(c => !char.IsControl(c) && c is not ('*' or '_' or '`' or '#')).ToArray()).Trim().TrimEnd('.', ',', ';', ':', ' ');
        if (sentence.Length > MaxTitleLength)
        {
            var cut = sentence.LastIndexOf(' ', MaxTitleLength - 1);
            sentence = (cut > 20 ? sentence[..cut] : sentence[..(MaxTitleLength - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
        }
        return sentence.Length == 0 ? fallback : sentence;
    }

    private void NarratedShot(string text, string narrator, int line)
    {
        var shot = NewShot(text, line);
        shot.AddDescription(ImportText.Body(text, "narration", StoryboardRules.MaxDescriptionLength, line), line, line);
        shot.Dialogue.Add(new ImportLine(narrator, Spoken(text, line)));
    }

    private ShotDraft NewShot(string text, int line)
    {
        if (_reserved is { } reserved)
        {
            // The heading's shot was made early to hold a code sample; the text under it fills that shot.
            _reserved = null;
            return reserved;
        }
        string title;
        if (_title is not null)
        {
            title = _titleUses == 0 ? _title : string.Create(CultureInfo.InvariantCulture, $"{Shorten(_title)} ({_titleUses + 1})");
            _titleUses++;
        }
        else
        {
            title = TitleOf(text, $"Shot {_shotsMade + 1}");
        }
        _shotsMade++;
        return plan.AddShot(ImportText.Title(title, "shot", line), line);
    }

    private static string Shorten(string title) => title.Length <= 190 ? title : title[..189] + "…";

    private static string Spoken(string text, int line) =>
        ImportText.Body(text, "line", StoryboardRules.MaxDialogueLength, line, "Split it into shorter lines.");

    /// <summary>A sentence too long for one dialogue line is cut at clause ends, then between words.</summary>
    private static IEnumerable<string> Chunks(string sentence, int line, string? title)
    {
        var max = StoryboardRules.MaxDialogueLength;
        if (sentence.Length <= max)
        {
            yield return sentence;
            yield break;
        }
        var rest = sentence;
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = window.LastIndexOfAny([',', ';', ':']);
            if (cut < max / 3)
            {
                cut = window.LastIndexOf(' ');
            }
            if (cut <= 0)
            {
                throw new StudioInputException(
                    $"Line {line}: {(title is null ? "the text" : $"shot '{title}'")} has a word of more than {max} characters, which cannot be spoken as a line; break it up (is it text or data?).");
            }
            yield return rest[..(cut + 1)].Trim();
            rest = rest[(cut + 1)..].Trim();
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}

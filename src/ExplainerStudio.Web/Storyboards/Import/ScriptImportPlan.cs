using System.Globalization;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// What an import will create, shown to the user before anything is written, and adjusted there: every edit returns
/// a new plan (this one is left as it was), checked against the same rules as parsing, with durations re-estimated.
/// Shots and scenes are named by their <c>Id</c>, which stays the same across edits.
/// </summary>
public sealed record ScriptImportPlan(
    IReadOnlyList<ImportScene> Scenes,
    IReadOnlyList<ImportCharacter> Characters,
    IReadOnlyList<string> Warnings)
{
    public ScriptImportSettings Settings { get; init; } = ScriptImportSettings.Default;
    public ScriptFormat Format { get; init; } = ScriptFormat.Markdown;

    /// <summary>Settings from the front matter or title page, applied to the project on import; set it to null to keep the project's.</summary>
    public ImportProjectSettings? ProjectSettings { get; init; }

    public IReadOnlyList<string> NewCharacters => [.. Characters.Where(c => c.IsNew).Select(c => c.Name)];
    public int ShotCount => Scenes.Sum(s => s.Shots.Count);
    public int DialogueCount => Scenes.Sum(s => s.Shots.Sum(x => x.Dialogue.Count));
    public double TotalSeconds => Math.Round(Scenes.Sum(s => s.EstimatedSeconds), 1, MidpointRounding.AwayFromZero);

    public ImportShot Shot(int shotId) => Scenes.SelectMany(s => s.Shots).FirstOrDefault(s => s.Id == shotId)
        ?? throw new StudioInputException("That shot is no longer in the preview; preview the script again.");

    /// <summary>The points a shot can be split at: its sentences, spoken ones if it has dialogue, its description's otherwise.</summary>
    public IReadOnlyList<string> Sentences(int shotId)
    {
        var shot = Shot(shotId);
        return shot.Dialogue.Count > 0
            ? [.. shot.Dialogue.SelectMany(l => SentenceSplitter.Split(l.Text))]
            : SentenceSplitter.Split(shot.Description);
    }

    public ScriptImportPlan RenameShot(int shotId, string title)
    {
        var name = StoryboardRules.RequireName(title, "shot", 200);
        return Replace(shotId, shot => [shot with { Title = name }]);
    }

    public ScriptImportPlan RenameScene(int sceneId, string title)
    {
        var name = StoryboardRules.RequireName(title, "scene", 200);
        var scene = Scenes.FirstOrDefault(s => s.Id == sceneId)
            ?? throw new StudioInputException("That scene is no longer in the preview; preview the script again.");
        return Rebuild([.. Scenes.Select(s => s == scene ? s with { Title = name } : s)], Characters);
    }

    /// <summary>The shot and the one after it in the same scene become one: texts and lines joined, the first one's title.</summary>
    public ScriptImportPlan MergeWithNext(int shotId)
    {
        var (scene, index) = Locate(shotId);
        if (index + 1 >= scene.Shots.Count)
        {
            throw new StudioInputException($"'{scene.Shots[index].Title}' is the last shot of scene '{scene.Title}'; there is no next shot in the scene to merge with.");
        }
        var first = scene.Shots[index];
        var second = scene.Shots[index + 1];
        var lines = first.Dialogue.ToList();
        foreach (var line in second.Dialogue)
        {
            if (lines.Count > 0 && lines[^1] is var last && last.Speaker == line.Speaker && last.Delivery == line.Delivery
                && last.Text.Length + 1 + line.Text.Length <= StoryboardRules.MaxDialogueLength)
            {
                lines[^1] = last with { Text = last.Text + " " + line.Text };
            }
            else
            {
                lines.Add(line);
            }
        }
        // Narrated shots read their narration on screen: merged, they read as one text again.
        var narrated = IsNarrated(first) && IsNarrated(second);
        var merged = first with
        {
            Description = narrated ? first.Description + " " + second.Description : Join(first.Description, second.Description),
            Notes = Join(first.Notes, second.Notes),
            Dialogue = lines,
            TransitionAfter = second.TransitionAfter,
        };
        var speech = Settings.SpeechSeconds(lines, RateOf);
        if (speech > Storyboards.Shot.MaxDurationSeconds)
        {
            throw new StudioInputException(string.Create(CultureInfo.InvariantCulture,
                $"Merged, '{first.Title}' would need about {speech:0} s of speech; a shot lasts at most {Storyboards.Shot.MaxDurationSeconds:0} s."));
        }
        var shots = scene.Shots.ToList();
        shots[index] = merged;
        shots.RemoveAt(index + 1);
        return Rebuild([.. Scenes.Select(s => s == scene ? s with { Shots = shots } : s)], Characters);
    }

    /// <summary>
    /// Splits before sentence <paramref name="sentenceIndex"/> (of <see cref="Sentences"/>): the shot keeps what comes
    /// before, a new shot after it gets the rest. A narrated shot's description is split with its narration.
    /// </summary>
    public ScriptImportPlan SplitAt(int shotId, int sentenceIndex)
    {
        var shot = Shot(shotId);
        var sentences = Sentences(shotId);
        if (sentenceIndex < 1 || sentenceIndex >= sentences.Count)
        {
            throw new StudioInputException(sentences.Count < 2
                ? $"'{shot.Title}' has a single sentence; there is nothing to split."
                : $"Choose a sentence from 2 to {sentences.Count} to start the new shot with.");
        }
        if (ShotCount + 1 > Settings.MaxShots)
        {
            throw new StudioInputException($"An import creates at most {Settings.MaxShots} shots.");
        }

        ImportShot before, after;
        var nextId = Scenes.SelectMany(s => s.Shots).Max(s => s.Id) + 1;
        if (shot.Dialogue.Count == 0)
        {
            var head = string.Join(" ", sentences.Take(sentenceIndex));
            var tail = string.Join(" ", sentences.Skip(sentenceIndex));
            before = shot with { Description = head, TransitionAfter = null };
            after = shot with { Id = nextId, Title = ProseBreakdown.TitleOf(tail, "Shot"), Description = tail, Notes = "", Dialogue = [] };
        }
        else
        {
            var (headLines, tailLines) = SplitLines(shot.Dialogue, sentenceIndex);
            var narrated = IsNarrated(shot);
            before = shot with
            {
                Dialogue = headLines,
                Description = narrated ? string.Join(" ", headLines.Select(l => l.Text)) : shot.Description,
                TransitionAfter = null,
            };
            after = shot with
            {
                Id = nextId,
                Title = ProseBreakdown.TitleOf(tailLines[0].Text, "Shot"),
                Dialogue = tailLines,
                Description = narrated ? string.Join(" ", tailLines.Select(l => l.Text)) : "",
                Notes = "",
            };
        }
        return Replace(shotId, _ => [before, after]);
    }

    /// <summary>Gives a line another speaker: one the plan has (matched ignoring case), or a new character within the limit.</summary>
    public ScriptImportPlan ChangeSpeaker(int shotId, int lineIndex, string speaker)
    {
        var shot = Shot(shotId);
        if (lineIndex < 0 || lineIndex >= shot.Dialogue.Count)
        {
            throw new StudioInputException($"'{shot.Title}' has no line {lineIndex + 1}.");
        }
        var name = StoryboardRules.RequireName(speaker, "character", 80);
        var characters = Characters.ToList();
        var character = characters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (character is null)
        {
            character = string.Equals(name, Settings.Narrator.Name, StringComparison.OrdinalIgnoreCase) ? Settings.Narrator : new ImportCharacter(name, true);
            characters.Add(character);
        }
        var lines = shot.Dialogue.ToList();
        lines[lineIndex] = lines[lineIndex] with { Speaker = character.Name };
        var edited = Replace(shotId, s => [s with { Dialogue = lines }], characters);
        if (edited.NewCharacters.Count > Settings.MaxNewCharacters)
        {
            throw new StudioInputException($"An import creates at most {Settings.MaxNewCharacters} new characters; choose one the plan already has.");
        }
        return edited;
    }

    public ScriptImportPlan DropShot(int shotId)
    {
        Shot(shotId);
        return Replace(shotId, _ => []);
    }

    /// <summary>The description a shot is stored with: its text, then its notes (code, tables), then its lines' delivery notes.</summary>
    public static string StoredDescription(ImportShot shot)
    {
        var delivery = string.Join("\n", shot.Dialogue.Where(l => l.Delivery.Length > 0)
            .Select(l => $"- {l.Speaker} ({l.Delivery}): {ProseBreakdown.TitleOf(l.Text, "…")}"));
        return Join(Join(shot.Description, shot.Notes), delivery.Length == 0 ? "" : "Delivery:\n\n" + delivery);
    }

    private static bool IsNarrated(ImportShot shot) =>
        shot.Dialogue.Count > 0 && shot.Description == string.Join(" ", shot.Dialogue.Select(l => l.Text));

    private int RateOf(string name) => Characters.FirstOrDefault(c => c.Name == name)?.Rate ?? 165;

    private (ImportScene Scene, int Index) Locate(int shotId)
    {
        foreach (var scene in Scenes)
        {
            for (var i = 0; i < scene.Shots.Count; i++)
            {
                if (scene.Shots[i].Id == shotId)
                {
                    return (scene, i);
                }
            }
        }
        throw new StudioInputException("That shot is no longer in the preview; preview the script again.");
    }

    private ScriptImportPlan Replace(int shotId, Func<ImportShot, IReadOnlyList<ImportShot>> change, IReadOnlyList<ImportCharacter>? characters = null)
    {
        var (scene, index) = Locate(shotId);
        var shots = scene.Shots.ToList();
        var replacement = change(shots[index]);
        shots.RemoveAt(index);
        shots.InsertRange(index, replacement);
        return Rebuild([.. Scenes.Select(s => s == scene ? s with { Shots = shots } : s)], characters ?? Characters);
    }

    /// <summary>New characters no line uses any more (and the front matter did not declare) are dropped; every duration is estimated again.</summary>
    private ScriptImportPlan Rebuild(IReadOnlyList<ImportScene> scenes, IReadOnlyList<ImportCharacter> characters)
    {
        var used = scenes.SelectMany(s => s.Shots).SelectMany(s => s.Dialogue).Select(l => l.Speaker).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var cast = characters.Where(c => !c.IsNew || c.IsDeclared || used.Contains(c.Name)).ToList();
        int Rate(string name) => cast.FirstOrDefault(c => c.Name == name)?.Rate ?? 165;
        var estimated = scenes.Select(s => s with
        {
            Shots = [.. s.Shots.Select(x => x with { EstimatedSeconds = Settings.EstimateShotSeconds(x.Dialogue, Rate) })],
        }).ToList();
        return this with { Scenes = estimated, Characters = cast };
    }

    private static (List<ImportLine> Head, List<ImportLine> Tail) SplitLines(IReadOnlyList<ImportLine> lines, int sentenceIndex)
    {
        var head = new List<ImportLine>();
        var tail = new List<ImportLine>();
        var seen = 0;
        foreach (var line in lines)
        {
            var sentences = SentenceSplitter.Split(line.Text);
            if (seen + sentences.Count <= sentenceIndex)
            {
                head.Add(line);
            }
            else if (seen >= sentenceIndex)
            {
                tail.Add(line);
            }
            else
            {
                var cut = sentenceIndex - seen;
                head.Add(line with { Text = string.Join(" ", sentences.Take(cut)) });
                tail.Add(line with { Text = string.Join(" ", sentences.Skip(cut)) });
            }
            seen += sentences.Count;
        }
        return (head, tail);
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + "\n\n" + second;
}

using System.Globalization;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// What the Markdown and Fountain parsers share: the cast (existing characters, declared ones, new speakers within the
/// limit), scenes and shots within their limits, notes that wait for a shot, and the finished, validated plan.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly Dictionary<string, ImportCharacter> _cast = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImportCharacter> _order = [];
    private readonly List<SceneDraft> _scenes = [];
    private readonly List<(string Markdown, int Line)> _pendingNotes = [];
    private int _nextSceneId = 1;
    private int _nextShotId = 1;
    private int _shotCount;

    public PlanBuilder(ScriptImportSettings settings, IReadOnlyCollection<ImportCharacter> existing, ScriptFormat format)
    {
        Settings = settings;
        Format = format;
        foreach (var character in existing)
        {
            var known = character with { IsNew = false };
            if (_cast.TryAdd(known.Name, known))
            {
                _order.Add(known);
            }
        }
    }

    public ScriptImportSettings Settings { get; }
    public ScriptFormat Format { get; }
    public List<string> Warnings { get; } = [];
    public ImportProjectSettings? ProjectSettings { get; set; }
    public SceneDraft? CurrentScene => _scenes.Count == 0 ? null : _scenes[^1];
    public ShotDraft? LastShot => _scenes.LastOrDefault(s => s.Shots.Count > 0)?.Shots[^1];
    public bool HasScenes => _scenes.Count > 0;

    public bool IsKnown(string name) => _cast.ContainsKey(name.Trim());

    public IReadOnlyCollection<string> KnownNames => _cast.Keys;

    /// <summary>The character that speaks a line: an existing one matched ignoring case, or a new one ("PIXEL" becomes "Pixel").</summary>
    public string Speaker(string name, int line)
    {
        name = name.Trim();
        if (_cast.TryGetValue(name, out var known))
        {
            return known.Name;
        }
        var canonical = ImportText.CharacterName(CanonicalName(name), line);
        if (_cast.TryGetValue(canonical, out known))
        {
            return known.Name;
        }
        Add(new ImportCharacter(canonical, true), line);
        return canonical;
    }

    /// <summary>The Narrator: the project's own if it has one (or the front matter declares it), otherwise created once.</summary>
    public string Narrator(int line)
    {
        var narrator = Settings.Narrator;
        if (_cast.TryGetValue(narrator.Name, out var known))
        {
            return known.Name;
        }
        Add(narrator with { IsNew = true }, line);
        return narrator.Name;
    }

    public void Declare(ImportCharacter character, int line)
    {
        if (_cast.TryGetValue(character.Name, out var known))
        {
            Warnings.Add(known.IsNew
                ? $"Line {line}: the front matter declares '{character.Name}' twice; the first declaration is used."
                : $"Line {line}: the project already has a character named '{known.Name}'; its own voice settings are kept.");
            return;
        }
        Add(character with { IsNew = true, IsDeclared = true }, line);
    }

    public int RateOf(string name) => _cast.TryGetValue(name, out var character) ? character.Rate : 165;

    public SceneDraft StartScene(string title, int line)
    {
        EndScene();
        if (_scenes.Count >= Settings.MaxScenes)
        {
            throw new StudioInputException(
                $"Line {line}: the script has more than {Settings.MaxScenes} scenes; an import creates at most {Settings.MaxScenes}. Split the script and import the parts one after another.");
        }
        var scene = new SceneDraft(_nextSceneId++, title, line);
        _scenes.Add(scene);
        return scene;
    }

    public ShotDraft AddShot(string title, int line)
    {
        var scene = CurrentScene ?? throw new InvalidOperationException("A shot needs a scene.");
        if (++_shotCount > Settings.MaxShots)
        {
            throw new StudioInputException(
                $"Line {line}: the script has more than {Settings.MaxShots} shots; an import creates at most {Settings.MaxShots}. Split the script and import the parts one after another.");
        }
        var shot = new ShotDraft(_nextShotId++, title, line);
        scene.Shots.Add(shot);
        foreach (var (markdown, _) in _pendingNotes)
        {
            shot.AddNotes(markdown);
        }
        _pendingNotes.Clear();
        return shot;
    }

    /// <summary>Code and tables go with the scene's latest shot, or wait for its next one.</summary>
    public void AddNotes(string markdown, int line)
    {
        ImportText.Body(markdown, "code sample", StoryboardRules.MaxDescriptionLength, line);
        if (CurrentScene is { Shots.Count: > 0 } scene)
        {
            scene.Shots[^1].AddNotes(markdown);
        }
        else
        {
            _pendingNotes.Add((markdown, line));
        }
    }

    /// <summary>Notes still waiting when a scene ends without a shot go with the shot before it, if there is one.</summary>
    public void EndScene()
    {
        if (_pendingNotes.Count == 0 || LastShot is not { } previous)
        {
            return;
        }
        foreach (var (markdown, _) in _pendingNotes)
        {
            previous.AddNotes(markdown);
        }
        _pendingNotes.Clear();
    }

    public ScriptImportPlan Build(string noScenesMessage)
    {
        EndScene();
        foreach (var (_, line) in _pendingNotes)
        {
            Warnings.Add($"Line {line}: the code sample was skipped: there is no shot to keep it with.");
        }
        if (_scenes.Count == 0)
        {
            throw new StudioInputException(noScenesMessage);
        }

        var scenes = new List<ImportScene>();
        foreach (var scene in _scenes)
        {
            if (scene.Shots.Count == 0)
            {
                Warnings.Add(Format == ScriptFormat.Fountain
                    ? $"Scene '{scene.Title}' has no action or dialogue; it is created empty."
                    : $"Scene '{scene.Title}' has no '##' shots; it is created empty.");
            }
            var shots = new List<ImportShot>();
            foreach (var draft in scene.Shots)
            {
                var shot = draft.Build();
                var stored = ScriptImportPlan.StoredDescription(shot);
                if (stored.Length > StoryboardRules.MaxDescriptionLength)
                {
                    throw new StudioInputException(
                        $"Line {shot.Line}: shot '{shot.Title}' has a description of {stored.Length} characters; the limit is {StoryboardRules.MaxDescriptionLength}. Shorten it or split the shot.");
                }
                var speech = Settings.SpeechSeconds(shot.Dialogue, RateOf);
                if (speech > Shot.MaxDurationSeconds)
                {
                    Warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Line {shot.Line}: shot '{shot.Title}' needs about {speech:0} s of speech; a shot lasts at most {Shot.MaxDurationSeconds:0} s. Split it in the preview."));
                }
                shots.Add(shot with { EstimatedSeconds = Settings.EstimateShotSeconds(shot.Dialogue, RateOf) });
            }
            scenes.Add(new ImportScene(scene.Id, scene.Title, shots) { Line = scene.Line });
        }

        var plan = new ScriptImportPlan(scenes, [.. _order], Warnings)
        {
            Settings = Settings,
            Format = Format,
            ProjectSettings = ProjectSettings,
        };
        ImportPlanValidator.Validate(plan, Settings);
        return plan;
    }

    /// <summary>"PIXEL" becomes "Pixel"; names already in mixed case are kept as written.</summary>
    public static string CanonicalName(string name)
    {
        var isCapitals = name.Any(char.IsLetter) && name.Where(char.IsLetter).All(char.IsUpper);
        return isCapitals ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant()) : name;
    }

    private void Add(ImportCharacter character, int line)
    {
        var created = _order.Count(c => c.IsNew);
        if (created >= Settings.MaxNewCharacters)
        {
            throw new StudioInputException(
                $"Line {line}: '{character.Name}' would be new character number {created + 1}; an import creates at most {Settings.MaxNewCharacters}. " +
                "Use the names of characters the project has, or check that the lines read 'NAME: text' only where someone speaks.");
        }
        _cast[character.Name] = character;
        _order.Add(character);
    }
}

using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Checks a whole plan against the limits and the editor's rules. Parsing ends with it and the commit starts with it,
/// so that a plan edited in the preview (or built by other code) cannot write what the editor would refuse.
/// </summary>
internal static class ImportPlanValidator
{
    public static void Validate(ScriptImportPlan plan, ScriptImportSettings settings)
    {
        if (plan.Scenes.Count == 0)
        {
            throw new StudioInputException("The plan has no scenes; preview a script first.");
        }
        if (plan.Scenes.Count > settings.MaxScenes)
        {
            throw new StudioInputException($"The plan has {plan.Scenes.Count} scenes; an import creates at most {settings.MaxScenes}. Split the script.");
        }
        if (plan.ShotCount > settings.MaxShots)
        {
            throw new StudioInputException($"The plan has {plan.ShotCount} shots; an import creates at most {settings.MaxShots}. Split the script.");
        }
        if (plan.NewCharacters.Count > settings.MaxNewCharacters)
        {
            throw new StudioInputException($"The plan creates {plan.NewCharacters.Count} characters; an import creates at most {settings.MaxNewCharacters}.");
        }

        var cast = new Dictionary<string, ImportCharacter>(StringComparer.OrdinalIgnoreCase);
        foreach (var character in plan.Characters)
        {
            StoryboardRules.RequireName(character.Name, "character", 80);
            if (!cast.TryAdd(character.Name, character))
            {
                throw new StudioInputException($"The plan names the character '{character.Name}' twice.");
            }
            if (character.IsNew)
            {
                StoryboardRules.RequireVoice(character.Voice, character.Pitch, character.Rate);
            }
        }

        var shotIds = new HashSet<int>();
        foreach (var scene in plan.Scenes)
        {
            ImportText.AtLine(scene.Line, () => StoryboardRules.RequireName(scene.Title, "scene", 200));
            foreach (var shot in scene.Shots)
            {
                if (!shotIds.Add(shot.Id))
                {
                    throw new StudioInputException($"The plan has two shots numbered {shot.Id}.");
                }
                var description = ScriptImportPlan.StoredDescription(shot);
                ImportText.Body(description, $"description of shot '{shot.Title}'", StoryboardRules.MaxDescriptionLength, shot.Line, "Shorten it or split the shot.");
                foreach (var line in shot.Dialogue)
                {
                    if (!cast.ContainsKey(line.Speaker))
                    {
                        throw new StudioInputException($"Line {shot.Line}: '{line.Speaker}' speaks in shot '{shot.Title}' but is not among the plan's characters.");
                    }
                    ImportText.Body(line.Text, $"line of '{line.Speaker}' in shot '{shot.Title}'", StoryboardRules.MaxDialogueLength, shot.Line, "Split it into shorter lines.");
                    ImportText.Body(line.Delivery, "delivery note", 200, shot.Line);
                }
                // The editor's own check of a shot, as if the user had typed it.
                ImportText.AtLine(shot.Line, () =>
                {
                    StoryboardRules.Validate(new ShotEdit(0, 0, shot.Title, description, shot.Title, "", CameraMove.Static,
                        shot.EstimatedSeconds, 0, 20, 7.5, 0.45, [], [.. shot.Dialogue.Select(l => new DialogueEdit(0, l.Text))]));
                    return true;
                });
            }
        }

        if (plan.ProjectSettings is { } project)
        {
            ImportProjectRules.Validate(project);
        }
    }
}

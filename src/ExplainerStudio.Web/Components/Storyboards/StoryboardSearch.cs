using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>Quick search over a loaded storyboard: scenes, shots, characters and dialogue lines, best matches first.</summary>
public static class StoryboardSearch
{
    public static IEnumerable<SearchHit> Find(StoryboardView board, string text)
    {
        var query = text.Trim();
        if (query.Length == 0)
        {
            return [];
        }

        var hits = new List<(int Rank, SearchHit Hit)>();
        var project = $"projects/{board.ProjectId}";
        foreach (var scene in board.Scenes)
        {
            if (Matches(scene.Title, query))
            {
                var first = scene.Shots.FirstOrDefault();
                hits.Add((0, new SearchHit(scene.Title, "Scene " + (scene.Position + 1), first is null ? project : $"{project}/shots/{first.Id}")));
            }
            foreach (var shot in scene.Shots)
            {
                var href = $"{project}/shots/{shot.Id}";
                if (Matches(shot.Title, query))
                {
                    hits.Add((1, new SearchHit(shot.Title, $"Shot in {scene.Title}", href)));
                }
                else if (Matches(shot.Description, query) || Matches(shot.Prompt, query))
                {
                    hits.Add((3, new SearchHit(shot.Title, $"Description of a shot in {scene.Title}", href)));
                }
                foreach (var line in shot.Dialogue.Where(l => Matches(l.Text, query)))
                {
                    hits.Add((2, new SearchHit($"{line.Speaker}: {line.Text}", $"Dialogue in {shot.Title}", href)));
                }
            }
        }
        foreach (var character in board.Characters.Where(c => Matches(c.Name, query)))
        {
            hits.Add((0, new SearchHit(character.Name, "Character", $"{project}/characters/{character.Id}")));
        }
        return hits.OrderBy(h => h.Rank).Select(h => h.Hit).ToList();
    }

    private static bool Matches(string value, string query) => value.Contains(query, StringComparison.CurrentCultureIgnoreCase);
}

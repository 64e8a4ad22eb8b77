namespace ExplainerStudio.Web.Storyboards.Import;

public sealed record ImportScene(int Id, string Title, IReadOnlyList<ImportShot> Shots)
{
    public int Line { get; init; }

    public double EstimatedSeconds => Shots.Sum(s => s.EstimatedSeconds);
}

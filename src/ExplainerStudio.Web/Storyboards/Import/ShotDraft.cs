using System.Text;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>A shot while a parser fills it: description pieces keep their blank lines as the script had them.</summary>
internal sealed class ShotDraft(int id, string title, int line)
{
    private readonly StringBuilder _description = new();
    private readonly List<string> _notes = [];
    private int _lastLine = -1;

    public int Id { get; } = id;
    public string Title { get; set; } = title;
    public int Line { get; } = line;
    public List<ImportLine> Dialogue { get; } = [];
    public TransitionKind? TransitionAfter { get; set; }

    public void AddDescription(string text, int firstLine, int lastLine)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (_description.Length > 0)
        {
            _description.Append(firstLine == _lastLine + 1 ? "\n" : "\n\n");
        }
        _description.Append(text);
        _lastLine = lastLine;
    }

    public void AddNotes(string markdown) => _notes.Add(markdown);

    public ImportShot Build() => new(Id, Title, _description.ToString().Trim(), [.. Dialogue])
    {
        Notes = string.Join("\n\n", _notes),
        TransitionAfter = TransitionAfter,
        Line = Line,
    };
}

namespace ExplainerStudio.Web.Storyboards.Import;

public enum ScriptFormat
{
    /// <summary>Fountain when the file is a .fountain or the text reads as a screenplay, Markdown otherwise.</summary>
    Auto,
    Markdown,
    Fountain,
}

using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Characters;

public sealed class Character
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>An espeak-ng voice name for scratch speech, e.g. "en-us" or "en-gb+f3".</summary>
    public string Voice { get; set; } = "en-us";

    /// <summary>espeak-ng pitch, 0 to 99.</summary>
    public int Pitch { get; set; } = 50;

    /// <summary>espeak-ng speed in words per minute.</summary>
    public int Rate { get; set; } = 165;
    public int Version { get; set; }
    public List<ReferenceSet> ReferenceSets { get; set; } = [];
}

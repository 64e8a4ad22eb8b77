namespace ExplainerStudio.Web.Storyboards;

public sealed class Shot
{
    public const double MinDurationSeconds = 0.5;
    public const double MaxDurationSeconds = 60;

    public int Id { get; set; }
    public int SceneId { get; set; }
    public Scene? Scene { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Markdown; rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";
    public string Prompt { get; set; } = "";
    public string NegativePrompt { get; set; } = "";
    public CameraMove CameraMove { get; set; }
    public double DurationSeconds { get; set; } = 4;
    public long Seed { get; set; }
    public string ModelPack { get; set; } = "previz";
    public string Scheduler { get; set; } = "euler";
    public int Steps { get; set; } = 20;
    public double Guidance { get; set; } = 7.5;

    /// <summary>
    /// How far image-to-image may move away from the layout image (0 keeps it, 1 ignores it). The default keeps the
    /// layout readable on the previz pack, whose renders turn grainy above about 0.5; real packs often want more.
    /// </summary>
    public double ReferenceStrength { get; set; } = 0.45;
    public ShotStatus Status { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Set when the shot was deleted; it stays restorable (undo) and hidden from every query until then. Its
    /// <see cref="Position"/> keeps the place it was deleted from.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The take the timeline uses; a plain id (no foreign key) so shots and takes need no circular constraint.</summary>
    public int? SelectedTakeId { get; set; }
    public List<ShotCharacter> Characters { get; set; } = [];
    public List<DialogueLine> Dialogue { get; set; } = [];
}

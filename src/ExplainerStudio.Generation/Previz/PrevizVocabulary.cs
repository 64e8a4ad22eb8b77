namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// The words the previz tokenizer knows as whole tokens, and the colour each colour word stands for. Any
/// other text still tokenizes (byte-level BPE falls back to shorter pieces and single bytes), it just costs
/// more tokens.
/// </summary>
internal static class PrevizVocabulary
{
    /// <summary>Colour words and the sRGB colour (0..255) their embeddings pull the image toward.</summary>
    public static IReadOnlyList<(string Word, byte R, byte G, byte B)> ColourWords { get; } =
    [
        ("red", 217, 38, 38),
        ("orange", 242, 140, 26),
        ("yellow", 242, 217, 51),
        ("green", 51, 179, 64),
        ("blue", 38, 89, 217),
        ("purple", 140, 64, 179),
        ("violet", 153, 89, 217),
        ("pink", 242, 140, 179),
        ("brown", 128, 77, 38),
        ("black", 13, 13, 13),
        ("white", 242, 242, 242),
        ("gold", 217, 179, 64),
        ("golden", 217, 179, 64),
        ("silver", 191, 191, 199),
        ("teal", 26, 140, 140),
        ("cyan", 51, 204, 230),
        ("magenta", 217, 51, 179),
        ("beige", 230, 217, 179),
        ("dark", 51, 51, 56),
        ("bright", 230, 230, 217),
        ("light", 217, 217, 210),
        ("night", 26, 31, 77),
        ("sunset", 242, 128, 77),
        ("fire", 242, 102, 26),
        ("snow", 242, 247, 255),
        ("ocean", 26, 89, 153),
        ("sea", 38, 102, 166),
        ("sky", 128, 179, 242),
        ("forest", 38, 102, 51),
        ("grass", 77, 166, 51),
        ("sun", 255, 217, 102),
        ("water", 51, 128, 191),
        ("blood", 140, 13, 20),
        ("lemon", 245, 230, 80),
        ("navy", 20, 31, 90),
    ];

    /// <summary>Every word that becomes a single token, colour words included.</summary>
    public static IReadOnlyList<string> Words { get; } = BuildWords();

    private static string[] BuildWords()
    {
        // Prompt vocabulary of explainer videos: people, places, objects, shots, styles and the small words
        // between them. Gray/grey carry no colour on purpose: they name the neutral point.
        const string Vocabulary = """
            a an the of in on at with and or to for by from into over under near behind between is are
            his her their its this that it he she they we you one two three four five some many all
            left right center middle top bottom front back side up down close wide far full half
            small large big tiny huge tall short long new old young happy sad angry calm busy quiet
            gray grey colorful colourful pastel neon vivid muted warm cool soft hard plain
            man woman person people child children boy girl kid baby teacher student doctor nurse
            scientist engineer worker chef artist character hero friend friends team family group crowd
            customer user speaker presenter narrator robot dog cat bird animal
            hand hands face head eyes smile hair body arm arms
            standing walking running sitting talking pointing smiling holding looking waving reading
            writing typing thinking explaining showing presenting working jumping
            circle square triangle rectangle line lines arrow arrows star shape shapes box sphere cube
            dot dots grid curve round flat
            diagram chart graph map icon logo text title label screen computer laptop phone tablet data
            cloud server network money coin coins time clock idea bulb process step steps plan goal
            growth problem solution question answer list number numbers
            office city town street road house home room kitchen classroom school lab desk table chair
            book books paper board whiteboard window door wall floor car bus train bike tree trees
            flower flowers mountain mountains river lake beach field park garden space planet earth moon
            stars rain day morning evening
            background foreground scene shot view camera frame angle portrait landscape
            style cartoon illustration simple clean minimal vector animation animated drawing sketch
            painting watercolor realistic photo detailed high quality cinematic lighting light shadow
            shadows sharp blurry focus
            """;
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in Vocabulary.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        foreach ((string word, _, _, _) in ColourWords)
        {
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }
}

using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Demo;

/// <summary>
/// Creates "How AI video generation works" for a new account: a few scenes with shots, dialogue, and two characters
/// whose reference sets are drawn by the studio and already locked, so a newcomer sees a complete storyboard.
/// </summary>
public sealed class DemoProjectSeeder(
    IDbContextFactory<StudioDbContext> contextFactory,
    ReferenceImageIngest ingest,
    TimeProvider clock,
    ILogger<DemoProjectSeeder> logger)
{
    public const string ProjectName = "How AI video generation works";

    public async Task<int> CreateAsync(string ownerUserId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var project = new Project
        {
            Name = ProjectName,
            Description = "A 90-second explainer: Ada, a teacher, and Pixel, a robot, show how diffusion turns noise into video — and why characters drift.",
            CreatedAt = now,
            UpdatedAt = now,
        };
        project.Members.Add(new ProjectMember { UserId = ownerUserId, Role = ProjectRole.Owner, AddedAt = now });

        var ada = NewCharacter("Ada", "A friendly science teacher with dark hair and a purple jacket.", "en-gb+f3", 55, 160,
            [("ada-front.png", DemoCharacterArt.Ada(waving: false)), ("ada-waving.png", DemoCharacterArt.Ada(waving: true))], ownerUserId, now);
        var pixel = NewCharacter("Pixel", "A small grey robot with cyan eyes and an orange antenna light.", "en-us+m3", 70, 175,
            [("pixel-front.png", DemoCharacterArt.Pixel(tilted: false)), ("pixel-tilt.png", DemoCharacterArt.Pixel(tilted: true))], ownerUserId, now);
        project.Characters.Add(ada);
        project.Characters.Add(pixel);

        project.Scenes.Add(Scene(0, "Why video is hard",
            Shot("Meet Ada and Pixel", "Ada stands in a bright classroom; Pixel rolls in from the right.\n\n*Warm, flat colours, whiteboard behind them.*",
                "a classroom with a whiteboard, flat illustration", CameraMove.DollyIn, 5,
                [(ada, 0.33, 0.62, 0.75), (pixel, 0.7, 0.68, 0.55)],
                [(ada, "Hi! I'm Ada, and this is Pixel."), (pixel, "Beep. I make videos out of noise.")]),
            Shot("A video is many pictures", "A film strip unrolls between them, frames ticking past.",
                "a film strip of many frames, flat illustration", CameraMove.PanRight, 4,
                [(ada, 0.25, 0.62, 0.7)],
                [(ada, "A video is just many pictures, shown very quickly.")])));

        project.Scenes.Add(Scene(1, "From noise to picture",
            Shot("Start from noise", "The screen fills with static; Pixel points at it.",
                "colourful random noise on a big screen", CameraMove.ZoomIn, 4,
                [(pixel, 0.3, 0.65, 0.6)],
                [(pixel, "Every picture starts as random noise.")]),
            Shot("Denoising step by step", "The static clears in steps into a drawing of a cat.\n\n- step 1: blobs\n- step 10: shapes\n- step 20: a cat",
                "a cartoon cat emerging from noise, step by step", CameraMove.Static, 6,
                [(ada, 0.2, 0.62, 0.7), (pixel, 0.8, 0.68, 0.55)],
                [(ada, "A neural network removes a little noise at each step."), (pixel, "Twenty steps later: a cat!")]),
            Shot("Words steer the picture", "The prompt appears as a caption; the cat turns orange.",
                "an orange cartoon cat, caption text above it", CameraMove.TiltDown, 4,
                [(ada, 0.5, 0.62, 0.75)],
                [(ada, "The prompt — the words we give it — steers every step.")])));

        project.Scenes.Add(Scene(2, "Keeping characters the same",
            Shot("The drift problem", "Pixel's colours flicker from shot to shot: blue, then green.",
                "a robot whose colours change between frames", CameraMove.PanLeft, 5,
                [(pixel, 0.5, 0.66, 0.65)],
                [(pixel, "Each clip forgets the last one. My colours drift!")]),
            Shot("Locked references", "Ada pins Pixel's reference pictures to a board; every shot looks at them.",
                "a pinboard with reference pictures of a robot", CameraMove.ZoomOut, 6,
                [(ada, 0.3, 0.62, 0.75), (pixel, 0.72, 0.68, 0.55)],
                [(ada, "So we lock reference images for each character, and measure how far every shot drifts from them.")])));

        project.Scenes.Add(Scene(3, "Wrap-up",
            Shot("Goodbye", "Both wave at the camera.",
                "a teacher and a robot waving goodbye, flat illustration", CameraMove.DollyOut, 4,
                [(ada, 0.35, 0.62, 0.75), (pixel, 0.68, 0.68, 0.55)],
                [(ada, "Now you know how AI video is made."), (pixel, "Beep boop. Bye!")])));

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.Projects.Add(project);
        await context.SaveChangesAsync(cancellationToken);

        // Placements pin the character's locked set, which only has an id after the first save.
        foreach (var placement in project.Scenes.SelectMany(s => s.Shots).SelectMany(s => s.Characters))
        {
            placement.ReferenceSetId = placement.Character!.ReferenceSets.Single().Id;
        }
        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created the demo project {ProjectId} for user {UserId}", project.Id, ownerUserId);
        return project.Id;
    }

    private Character NewCharacter(
        string name, string description, string voice, int pitch, int rate,
        IReadOnlyList<(string Name, RgbImage Image)> images, string userId, DateTimeOffset now)
    {
        var set = new ReferenceSet { Number = 1, IsLocked = true, CreatedAt = now, LockedAt = now, LockedByUserId = userId };
        for (var i = 0; i < images.Count; i++)
        {
            var image = ingest.FromImage(images[i].Name, images[i].Image);
            set.Images.Add(new ReferenceImage
            {
                Position = i,
                StoredName = image.Sha256[..16] + ".png",
                DisplayName = image.DisplayName,
                Sha256 = image.Sha256,
                ByteSize = image.Png.Length,
                Width = image.Width,
                Height = image.Height,
                UploadedAt = now,
                Content = new ReferenceImageContent { Png = image.Png, ThumbnailPng = image.ThumbnailPng },
            });
        }
        return new Character { Name = name, Description = description, Voice = voice, Pitch = pitch, Rate = rate, ReferenceSets = [set] };
    }

    private static Scene Scene(int position, string title, params Shot[] shots)
    {
        for (var i = 0; i < shots.Length; i++)
        {
            shots[i].Position = i;
        }
        return new Scene { Position = position, Title = title, Shots = [.. shots] };
    }

    private Shot Shot(
        string title, string description, string prompt, CameraMove move, double seconds,
        IReadOnlyList<(Character Character, double X, double Y, double Scale)> cast,
        IReadOnlyList<(Character Speaker, string Text)> dialogue)
    {
        var shot = StoryboardRules.NewShot(title, clock.GetUtcNow());
        shot.Description = description;
        shot.Prompt = prompt;
        shot.CameraMove = move;
        shot.DurationSeconds = seconds;
        shot.Characters = cast.Select((c, z) => new ShotCharacter { Character = c.Character, X = c.X, Y = c.Y, Scale = c.Scale, ZOrder = z }).ToList();
        shot.Dialogue = dialogue.Select((d, i) => new DialogueLine { Character = d.Speaker, Position = i, Text = d.Text }).ToList();
        return shot;
    }
}

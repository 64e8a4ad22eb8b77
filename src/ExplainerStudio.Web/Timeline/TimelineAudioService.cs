using System.Globalization;
using System.Security.Cryptography;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Audio;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Recorded dialogue: a take uploaded for one line, or a whole voice-over for a scene split at its silences and,
/// once the user confirms the pieces, cut into one file per line. Uploads are checked by decoding them; a refused
/// upload leaves no file behind.
/// </summary>
public sealed class TimelineAudioService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    StudioPaths paths,
    AudioInspector inspector,
    VoiceOverSplitter splitter,
    StudioFiles files)
{
    public const long MaxUploadBytes = 1L << 30;

    public async Task UploadTakeAsync(int lineId, string fileName, Stream content, string userId, CancellationToken cancellationToken = default)
    {
        var (projectId, _) = await RequireLineAsync(lineId, userId, cancellationToken);
        var (path, sha, info) = await ReceiveAsync(content, fileName, "dialogue", projectId, cancellationToken);
        await SaveAsync(lineId, DialogueAudioSource.Recorded, path, sha, info.Duration.TotalSeconds, cancellationToken);
    }

    public async Task UploadMusicAsync(int projectId, string fileName, Stream content, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var (path, sha, info) = await ReceiveAsync(content, fileName, "music", projectId, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var music = await context.TimelineMusic.FirstOrDefaultAsync(m => m.ProjectId == projectId, cancellationToken);
        if (music is null)
        {
            music = new TimelineMusic { ProjectId = projectId };
            context.TimelineMusic.Add(music);
        }
        var replaced = music.FilePath;
        music.FilePath = path;
        music.FileName = Path.GetFileName(fileName);
        music.Sha256 = sha;
        music.DurationSeconds = info.Duration.TotalSeconds;
        music.CreatedAt = DateTimeOffset.UtcNow;
        await context.SaveChangesAsync(cancellationToken);
        await files.ReleaseAsync([replaced], cancellationToken);
    }

    public async Task RemoveMusicAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var removed = await context.TimelineMusic.Where(m => m.ProjectId == projectId).Select(m => m.FilePath).ToListAsync(cancellationToken);
        await context.TimelineMusic.Where(m => m.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await files.ReleaseAsync(removed, cancellationToken);
    }

    public async Task RemoveAsync(int lineId, string userId, CancellationToken cancellationToken = default)
    {
        await RequireLineAsync(lineId, userId, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var removed = await context.DialogueAudio.Where(a => a.DialogueLineId == lineId).Select(a => a.FilePath).ToListAsync(cancellationToken);
        await context.DialogueAudio.Where(a => a.DialogueLineId == lineId).ExecuteDeleteAsync(cancellationToken);
        await files.ReleaseAsync(removed, cancellationToken);
    }

    /// <summary>Stores and splits a scene's voice-over and proposes a piece for each of the scene's lines, in order.</summary>
    public async Task<VoiceOverProposal> SplitVoiceOverAsync(int sceneId, string fileName, Stream content, string userId, CancellationToken cancellationToken = default)
    {
        var (projectId, lines) = await RequireSceneAsync(sceneId, userId, cancellationToken);
        if (lines.Count == 0)
        {
            throw new StudioInputException("This scene has no dialogue lines to put a voice-over on; write the lines first.");
        }
        var (path, sha, info) = await ReceiveAsync(content, fileName, "voiceover", projectId, cancellationToken);
        IReadOnlyList<VoiceOverSegment> segments;
        try
        {
            segments = await splitter.SplitAsync(Path.Combine(paths.DataDirectory, path), cancellationToken: cancellationToken);
        }
        catch (MediaInputException e)
        {
            throw new StudioInputException(e.Message
                .Replace(Path.Combine(paths.DataDirectory, path), fileName, StringComparison.Ordinal)
                .Replace(Path.GetFileName(path), fileName, StringComparison.Ordinal));
        }
        var matches = VoiceOverSplitter.MapOntoLines(segments, [.. lines.Select(l => l.Id.ToString(CultureInfo.InvariantCulture))]);
        return new VoiceOverProposal(sceneId, sha, info.Duration.TotalSeconds, [.. lines.Zip(matches, (line, match) => new VoiceOverLineProposal(
            line.Id, line.Speaker, line.Text, match.Segment?.Start.TotalSeconds, match.Segment?.End.TotalSeconds))]);
    }

    /// <summary>Cuts the confirmed pieces out of the voice-over and makes each its line's audio.</summary>
    public async Task ApplyVoiceOverAsync(int sceneId, string voiceOverId, IReadOnlyList<VoiceOverAssignment> assignments, string userId, CancellationToken cancellationToken = default)
    {
        var (projectId, lines) = await RequireSceneAsync(sceneId, userId, cancellationToken);
        if (voiceOverId.Length != 64 || !voiceOverId.All(char.IsAsciiHexDigitLower))
        {
            throw new StudioInputException("That voice-over is unknown; upload it again.");
        }
        var folder = Path.Combine(paths.DataDirectory, "voiceover", projectId.ToString(CultureInfo.InvariantCulture));
        var source = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, voiceOverId + ".*").FirstOrDefault() : null;
        if (source is null)
        {
            throw new NotFoundException("That voice-over is no longer stored; upload it again.");
        }
        var sceneLines = lines.Select(l => l.Id).ToHashSet();
        foreach (var assignment in assignments)
        {
            if (!sceneLines.Contains(assignment.LineId))
            {
                throw new StudioInputException($"Line {assignment.LineId} is not in this scene.");
            }
            if (!(assignment.StartSeconds >= 0 && assignment.EndSeconds > assignment.StartSeconds))
            {
                throw new StudioInputException("Each piece must start at 0 s or later and end after it starts.");
            }
        }

        var dialogueFolder = Path.Combine("dialogue", projectId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(paths.DataDirectory, dialogueFolder));
        foreach (var assignment in assignments)
        {
            var relative = Path.Combine(dialogueFolder, $"vo-{voiceOverId[..16]}-{assignment.LineId}-{Guid.NewGuid():N}.wav");
            var segment = new VoiceOverSegment(TimeSpan.FromSeconds(assignment.StartSeconds), TimeSpan.FromSeconds(assignment.EndSeconds));
            var full = await splitter.ExtractAsync(source, segment, Path.Combine(paths.DataDirectory, relative), cancellationToken);
            var sha = await HashAsync(full, cancellationToken);
            await SaveAsync(assignment.LineId, DialogueAudioSource.VoiceOver, relative, sha, segment.Duration.TotalSeconds, cancellationToken);
        }
    }

    private async Task<(string RelativePath, string Sha256, AudioInfo Info)> ReceiveAsync(
        Stream content, string fileName, string kind, int projectId, CancellationToken cancellationToken)
    {
        fileName = UploadName.Check(fileName);
        Directory.CreateDirectory(paths.TempDirectory);
        var temporary = Path.Combine(paths.TempDirectory, $"upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(temporary))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > MaxUploadBytes)
                    {
                        throw new StudioInputException($"'{fileName}' is larger than 1 GB; upload a shorter or compressed recording.");
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            AudioInfo info;
            try
            {
                info = await inspector.InspectAsync(temporary, cancellationToken: cancellationToken);
            }
            catch (MediaInputException e)
            {
                // ffmpeg names the file it read; the user knows it by the name they uploaded, never by the server's path.
                throw new StudioInputException(e.Message
                    .Replace(temporary, fileName, StringComparison.Ordinal)
                    .Replace(Path.GetFileName(temporary), fileName, StringComparison.Ordinal)
                    .Replace(paths.DataDirectory, "data", StringComparison.Ordinal));
            }

            var sha = await HashAsync(temporary, cancellationToken);
            var extension = info.FormatName.Split(',')[0] switch
            {
                "wav" => ".wav",
                "mp3" => ".mp3",
                "ogg" => ".ogg",
                _ => ".m4a",
            };
            var relative = Path.Combine(kind, projectId.ToString(CultureInfo.InvariantCulture), sha + extension);
            var target = Path.Combine(paths.DataDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temporary, target, overwrite: true);
            return (relative, sha, info with { Path = target });
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task SaveAsync(int lineId, DialogueAudioSource source, string relativePath, string sha, double seconds, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var audio = await context.DialogueAudio.FirstOrDefaultAsync(a => a.DialogueLineId == lineId, cancellationToken);
        if (audio is null)
        {
            audio = new DialogueAudio { DialogueLineId = lineId };
            context.DialogueAudio.Add(audio);
        }
        var replaced = audio.FilePath;
        audio.Source = source;
        audio.FilePath = relativePath;
        audio.Sha256 = sha;
        audio.DurationSeconds = seconds;
        audio.CreatedAt = DateTimeOffset.UtcNow;
        await context.SaveChangesAsync(cancellationToken);
        await files.ReleaseAsync([replaced], cancellationToken);
    }

    private async Task<(int ProjectId, int SceneId)> RequireLineAsync(int lineId, string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var line = await context.DialogueLines.AsNoTracking().Where(l => l.Id == lineId)
            .Select(l => new { l.Shot!.Scene!.ProjectId, l.Shot.SceneId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That dialogue line no longer exists.");
        await access.RequireAsync(line.ProjectId, userId, ProjectRole.Editor, cancellationToken);
        return (line.ProjectId, line.SceneId);
    }

    private async Task<(int ProjectId, List<SceneLine> Lines)> RequireSceneAsync(int sceneId, string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectId = await context.Scenes.Where(s => s.Id == sceneId).Select(s => (int?)s.ProjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That scene no longer exists.");
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        var lines = await context.DialogueLines.AsNoTracking()
            .Where(l => l.Shot!.SceneId == sceneId)
            .OrderBy(l => l.Shot!.Position).ThenBy(l => l.Position)
            .Select(l => new SceneLine(l.Id, l.Character!.Name, l.Text))
            .ToListAsync(cancellationToken);
        return (projectId, lines);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private sealed record SceneLine(int Id, string Speaker, string Text);
}

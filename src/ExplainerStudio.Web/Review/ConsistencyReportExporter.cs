using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Writes a project's consistency report as one self-contained HTML page (every picture embedded as a data URL, no
/// script, no outside request), and as CSV and JSON with the same figures in invariant culture. Members only.
/// </summary>
public sealed class ConsistencyReportExporter(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    ReviewService review,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<ConsistencyReport> BuildAsync(int projectId, string userId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(projectId, userId, cancellationToken)).Report;

    public async Task<string> CsvAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        var report = await BuildAsync(projectId, userId, cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("shot,shot_title,scene,take_id,character,reference_set,drift,colour,structure,embedding,mean_drift,worst_frame,flicker,flicker_frames,seam_in,state,decision,method_version");
        foreach (var l in report.Lines)
        {
            csv.AppendJoin(',', [
                Field(l.Shot), Field(l.ShotTitle), Field(l.Scene), Number(l.TakeId), Field(l.Character), Number(l.ReferenceSet),
                Number(l.Drift), Number(l.Colour), Number(l.Structure), Number(l.Embedding), Number(l.MeanDrift), Number(l.WorstFrame),
                Number(l.Flicker), Field(l.FlickerFrames), Number(l.SeamIn), Field(l.State), Field(l.Decision), Number(l.MethodVersion)]);
            csv.AppendLine();
        }
        return csv.ToString();
    }

    public async Task<string> JsonAsync(int projectId, string userId, CancellationToken cancellationToken = default) =>
        JsonSerializer.Serialize(await BuildAsync(projectId, userId, cancellationToken), Json);

    public async Task<string> HtmlAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        var (report, rows, stills, references) = await LoadAsync(projectId, userId, cancellationToken);
        var t = report.Thresholds;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Consistency report: {{E(report.Project)}}</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433} h1{margin-bottom:.2rem} .sub{color:#5a6478}
            table{border-collapse:collapse;margin:.5rem 0} td,th{border:1px solid #d4d9e2;padding:.25rem .5rem;text-align:left;font-size:.9rem}
            th{background:#f2f4f8} section{border-top:1px solid #d4d9e2;padding:1rem 0} .pics{display:flex;gap:1rem;flex-wrap:wrap}
            figure{margin:0} figcaption{font-size:.8rem;color:#5a6478} .frame{position:relative;display:inline-block}
            .frame img,.ref img{display:block;height:150px} .region{position:absolute;border:2px solid #e53935;box-sizing:border-box}
            .state{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#eef1f6;font-size:.85rem}
            .Drifted,.Flickering,.Seam{background:#fde2e1;color:#a12622} .Approved,.Consistent{background:#dff3e4;color:#1b6b35}
            </style></head><body>
            <h1>Consistency report: {{E(report.Project)}}</h1>
            <p class="sub">Generated {{E(report.GeneratedAt.ToString("u", CultureInfo.InvariantCulture))}} · consistency method {{report.MethodVersion}} ·
            thresholds: drifted ≥ {{N(t.Drifted)}}, flickering ≥ {{N(t.Flickering)}}, seam ≥ {{N(t.Seam)}} · drift 0 = same as the locked references, 1 = unrelated</p>
            <table><tr><th>Shot</th><th>Title</th><th>Take</th><th>Character</th><th>Drift</th><th>Flicker</th><th>Seam in</th><th>State</th><th>Decision</th></tr>
            """);
        foreach (var l in report.Lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(l.Shot)}</td><td>{E(l.ShotTitle)}</td><td>{l.TakeId}</td><td>{E(l.Character ?? "")}</td><td>{N(l.Drift)}</td><td>{N(l.Flicker)}</td><td>{N(l.SeamIn)}</td><td>{E(l.State)}</td><td>{E(l.Decision ?? "")}</td></tr>\n");
        }
        html.Append("</table>\n");
        foreach (var row in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section data-shot=\"{row.ShotId}\"><h2>{E(row.Number)} {E(row.Title)} <span class=\"state {row.State}\">{E(Words(row.State))}</span></h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">Scene: {E(row.SceneTitle)}");
            if (row.Current is { } take)
            {
                html.Append(CultureInfo.InvariantCulture, $" · take {take.Id} · seed {take.Seed} · {E(take.PackId)} {E(take.Scheduler.ToLowerInvariant())} {take.Steps} steps · guidance {N(take.Guidance)} · strength {N(take.Strength)} · {E(take.ExecutionProvider)} · refs {E(take.References)}");
                if (take.Decision is { } decision)
                {
                    html.Append(CultureInfo.InvariantCulture, $" · decision: {E(decision.ToString())}");
                }
            }
            html.Append("</p>\n");
            if (row.Current?.Score is { } score)
            {
                if (score.Note is { } note)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>{E(note)}</p>");
                }
                html.Append("<div class=\"pics\">");
                foreach (var c in score.Characters)
                {
                    if (references.TryGetValue(c.ReferenceImageId ?? 0, out var referencePng))
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"ref\"><img alt=\"{E(c.Character)} reference\" src=\"{DataUrl(referencePng)}\"><figcaption>{E(c.Character)} · reference v{c.SetNumber} #{c.ReferenceIndex + 1}</figcaption></figure>");
                    }
                    if (stills.TryGetValue(c.Id, out var still))
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<figure><div class=\"frame\"><img alt=\"{E(c.Character)} worst frame\" src=\"{DataUrl(still)}\"><div class=\"region\" style=\"left:{P(c.RegionX)};top:{P(c.RegionY)};width:{P(c.RegionWidth)};height:{P(c.RegionHeight)}\"></div></div>");
                        html.Append(CultureInfo.InvariantCulture, $"<figcaption>{(c.WorstFrameIndex == 0 ? "keyframe" : $"frame {c.WorstFrameIndex}")} · drift {N(c.Score)} (colour {N(c.Colour)}, structure {N(c.Structure)}, embedding {N(c.Embedding)})</figcaption></figure>");
                    }
                }
                html.Append("</div>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private async Task<(ConsistencyReport Report, List<ReviewRowView> Rows, Dictionary<int, byte[]> Stills, Dictionary<int, byte[]> References)> LoadAsync(
        int projectId, string userId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await context.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That project no longer exists.");
        var thresholds = (await review.ThresholdsAsync(context, projectId, cancellationToken)).Value;
        var rows = (await review.LoadAsync(context, projectId, null, cancellationToken)).Rows(thresholds);
        var driftIds = rows.SelectMany(r => r.Current?.Score?.Characters ?? []).Select(c => c.Id).ToList();
        var stills = await context.CharacterDrifts.AsNoTracking().Where(d => driftIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.WorstFramePng, cancellationToken);
        var imageIds = rows.SelectMany(r => r.Current?.Score?.Characters ?? []).Where(c => c.ReferenceImageId is not null).Select(c => c.ReferenceImageId!.Value).Distinct().ToList();
        var references = await context.ReferenceImageContents.AsNoTracking().Where(c => imageIds.Contains(c.ReferenceImageId))
            .ToDictionaryAsync(c => c.ReferenceImageId, c => c.ThumbnailPng.Length > 0 ? c.ThumbnailPng : c.Png, cancellationToken);

        var lines = new List<ConsistencyReportLine>();
        foreach (var row in rows)
        {
            var take = row.Current;
            var score = take?.Score;
            var flickerFrames = score?.FlickerFirstFrame is { } a && score.FlickerSecondFrame is { } b ? string.Create(CultureInfo.InvariantCulture, $"{a}-{b}") : null;
            ConsistencyReportLine Line(DriftView? c) => new(
                row.Number, row.Title, row.SceneTitle, take?.Id, c?.Character, c?.SetNumber, c?.Score, c?.Colour, c?.Structure, c?.Embedding,
                c?.MeanScore, c?.WorstFrameIndex, score?.Flicker, flickerFrames, row.Seam, row.State.ToString(), take?.Decision?.ToString(), score?.MethodVersion);
            if (score is { Characters.Count: > 0 })
            {
                lines.AddRange(score.Characters.Select(Line));
            }
            else
            {
                lines.Add(Line(null));
            }
        }
        var report = new ConsistencyReport(projectId, project, clock.GetUtcNow(), ConsistencyMethod.Version, thresholds, lines);
        return (report, rows, stills, references);
    }

    internal static string Words(ReviewState state) => state switch
    {
        ReviewState.MarkedForRegeneration => "marked for regeneration",
        ReviewState.NoTake => "no take",
        ReviewState.Rescore => "needs rescoring",
        ReviewState.Seam => "seam jump",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string P(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static string Number(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Number(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    private static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        // A leading = + - @ would make a spreadsheet run the cell as a formula.
        var safe = text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

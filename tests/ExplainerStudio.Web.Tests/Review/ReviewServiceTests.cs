using System.Net;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ExplainerStudio.Web.Tests.Review;

public class ReviewServiceTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly RenderStudio _studio;

    public ReviewServiceTests(ITestOutputHelper output)
        : this(output, new Dictionary<string, string?>())
    {
    }

    /// <summary>The same tests on another database (<paramref name="database"/>: its Data settings).</summary>
    protected ReviewServiceTests(ITestOutputHelper output, IReadOnlyDictionary<string, string?> database)
    {
        _output = output;
        _studio = new(database);
    }

    [Fact]
    public async Task StoredTake_ScoresNearZeroWhenItIsTheReference_AndNearOneWhenUnrelated()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2);
        var ada = await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        await ReviewFixtures.CastAloneAsync(_studio.Services, shots[1], "Ada");
        var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(_studio.Services, ada);
        var identical = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
        var unrelated = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[1], ada, ReviewFixtures.Noise(128, 72, seed: 7));
        var review = _studio.Get<ReviewService>();
        var changes = new List<ProjectChange>();
        using var subscription = _studio.Get<ProjectChangeFeed>().Subscribe(c => { lock (changes) { changes.Add(c); } }, projectId);

        await review.ScoreNowAsync(identical, owner);
        await review.ScoreNowAsync(unrelated, owner);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, identical);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, unrelated);

        var same = (await review.GetTakeScoreAsync(identical, owner))!;
        var other = (await review.GetTakeScoreAsync(unrelated, owner))!;
        _output.WriteLine($"identical {same.Worst!.Score:0.000} ({same.Worst.Colour:0.000}/{same.Worst.Structure:0.000}/{same.Worst.Embedding:0.000}), unrelated {other.Worst!.Score:0.000} ({other.Worst.Colour:0.000}/{other.Worst.Structure:0.000}/{other.Worst.Embedding:0.000})");
        Assert.Equal(ConsistencyMethod.Version, same.MethodVersion);
        Assert.True(same.HasEmbeddings, "The previz pack has an image encoder, so the embedding signal is stored.");
        Assert.InRange(same.Worst.Score, 0, 0.1);
        Assert.InRange(other.Worst.Score, 0.75, 1);
        Assert.Equal("Ada", same.Worst.Character);
        Assert.NotNull(same.Worst.ReferenceImageId);
        Assert.InRange(same.Worst.RegionWidth, 0.05, 1);
        // A still clip does not flicker; the worst frame's picture is stored for the board.
        Assert.InRange(same.Flicker!.Value, 0, 0.05);
        Assert.NotEmpty(await review.GetWorstFrameAsync(same.Worst.Id, owner));
        lock (changes)
        {
            Assert.Contains(changes, c => c.Kind == ProjectChangeKind.Score && c.EntityId == identical && c.ShotId == shots[0]);
            Assert.Contains(changes, c => c.Kind == ProjectChangeKind.Score && c.EntityId == unrelated);
        }
    }

    [Fact]
    public async Task TakeRenderedAgainstTheWrongReferences_IsFlaggedAsDrifted_AndItsFaithfulTakeScoresLower()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, steps: 4);
        await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        var disc = BenchSubjects.Characters()[0];
        await ReviewFixtures.AddDrawnCharacterAsync(_studio.Services, projectId, disc);
        await ReviewFixtures.CastAloneAsync(_studio.Services, shots[1], disc.Name);
        var queue = _studio.Get<RenderQueue>();

        // Renders are scored by the worker after they finish, with no request.
        var faithfulJob = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[0], owner));
        var otherJob = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await queue.GenerateShotAsync(shots[1], owner));
        Assert.Equal(RenderJobStatus.Succeeded, faithfulJob.Status);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, faithfulJob.TakeId!.Value);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, otherJob.TakeId!.Value);

        // The planted drift: a take of Ada's shot, with Ada's recipe and references recorded, whose picture was
        // rendered from another character's references (a drawn red disc) at the same place.
        int wrongTakeId;
        await using (var context = _studio.Db())
        {
            var faithful = await context.Takes.AsNoTracking().SingleAsync(t => t.Id == faithfulJob.TakeId);
            var other = await context.Takes.AsNoTracking().SingleAsync(t => t.Id == otherJob.TakeId);
            var wrong = new Take
            {
                JobId = 2_000_000, ProjectId = projectId, ShotId = shots[0], KeyframePath = other.KeyframePath, KeyframeSha256 = other.KeyframeSha256,
                ClipPath = other.ClipPath, ClipSha256 = other.ClipSha256, ClipBytes = other.ClipBytes, Width = other.Width, Height = other.Height,
                FrameRate = other.FrameRate, FrameCount = other.FrameCount, PackId = faithful.PackId, PackHash = faithful.PackHash, Seed = faithful.Seed,
                Scheduler = faithful.Scheduler, Steps = faithful.Steps, StepsRun = faithful.StepsRun, Guidance = faithful.Guidance, Strength = faithful.Strength,
                ExecutionProvider = faithful.ExecutionProvider, ReferencesJson = faithful.ReferencesJson, InputsJson = faithful.InputsJson,
                CreatedByUserId = owner, CreatedAt = DateTimeOffset.UtcNow,
            };
            context.Takes.Add(wrong);
            await context.SaveChangesAsync();
            wrongTakeId = wrong.Id;
        }
        var review = _studio.Get<ReviewService>();
        await review.ScoreNowAsync(wrongTakeId, owner);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, wrongTakeId);
        await _studio.Get<TakeService>().SelectAsync(wrongTakeId, owner);

        var faithfulScore = (await review.GetTakeScoreAsync(faithfulJob.TakeId!.Value, owner))!.Worst!;
        var wrongScore = (await review.GetTakeScoreAsync(wrongTakeId, owner))!.Worst!;
        _output.WriteLine($"faithful {faithfulScore.Score:0.000} ({faithfulScore.Colour:0.000}/{faithfulScore.Structure:0.000}/{faithfulScore.Embedding:0.000}) at frame {faithfulScore.WorstFrameIndex}; wrong {wrongScore.Score:0.000} ({wrongScore.Colour:0.000}/{wrongScore.Structure:0.000}/{wrongScore.Embedding:0.000}) at frame {wrongScore.WorstFrameIndex}");
        Assert.True(wrongScore.Score >= ConsistencyThresholds.DefaultDrifted, $"The wrong-reference take scored {wrongScore.Score:0.000}.");
        Assert.True(wrongScore.Score > faithfulScore.Score + 0.1, $"wrong {wrongScore.Score:0.000} vs faithful {faithfulScore.Score:0.000}");
        var board = await review.GetBoardAsync(projectId, owner);
        var row = board.Rows.Single(r => r.ShotId == shots[0]);
        Assert.Equal(wrongTakeId, row.Current!.Id);
        Assert.Equal(ReviewState.Drifted, row.State);
        Assert.Equal(board.Rows.Max(r => r.WorstDrift), row.WorstDrift);
    }

    [Fact]
    public async Task Scores_SurviveARestart_OverTheSameDatabaseFile()
    {
        var data = Path.Combine(Path.GetTempPath(), "es-review-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data };
        try
        {
            string owner;
            int takeId;
            double stored;
            using (var first = new RenderStudio(settings))
            {
                owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
                var (_, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner);
                await ReviewFixtures.CastAloneAsync(first.Services, shots[0], "Pixel");
                var job = await RenderFixtures.WaitUntilFinishedAsync(first.Services, await first.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
                takeId = job.TakeId!.Value;
                await ReviewFixtures.WaitForScoreAsync(first.Services, takeId);
                stored = (await first.Get<ReviewService>().GetTakeScoreAsync(takeId, owner))!.Worst!.Score;
            }

            using var second = new RenderStudio(settings);
            var again = await second.Get<ReviewService>().GetTakeScoreAsync(takeId, owner);

            Assert.NotNull(again);
            Assert.Equal(stored, again.Worst!.Score);
            Assert.Equal(ConsistencyMethod.Version, again.MethodVersion);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task TakesCommittedWhileNoStudioWasScoring_AreScoredAtTheNextStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "es-review-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data };
        try
        {
            int takeId;
            using (var first = new RenderStudio(settings))
            {
                var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
                var (projectId, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner);
                var ada = await ReviewFixtures.CastAloneAsync(first.Services, shots[0], "Ada");
                var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(first.Services, ada);
                // After the start-up catch-up: nothing scores this take in the first studio (as a worker elsewhere committed it).
                await first.Services.GetServices<IHostedService>().OfType<ScoringWorker>().Single().UnscoredQueued;
                takeId = await ReviewFixtures.StoreTakeAsync(first, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
                await using var context = first.Db();
                Assert.False(await context.TakeScores.AnyAsync(s => s.TakeId == takeId));
            }

            using var second = new RenderStudio(settings);
            var score = await ReviewFixtures.WaitForScoreAsync(second.Services, takeId);

            Assert.Null(score.Note);
            Assert.Equal(ConsistencyMethod.Version, score.MethodVersion);
            Assert.InRange(Assert.Single(score.Characters).Score, 0, 0.1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task TakesScoredByAnEarlierMethod_AreRescoredAtTheNextStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "es-review-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = data };
        try
        {
            int takeId;
            DateTimeOffset scoredAt;
            using (var first = new RenderStudio(settings))
            {
                var owner = await RenderFixtures.AddUserAsync(first.Services, "Owner");
                var (projectId, shots) = await RenderFixtures.AddProjectAsync(first.Services, owner);
                var ada = await ReviewFixtures.CastAloneAsync(first.Services, shots[0], "Ada");
                var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(first.Services, ada);
                await first.Services.GetServices<IHostedService>().OfType<ScoringWorker>().Single().UnscoredQueued;
                takeId = await ReviewFixtures.StoreTakeAsync(first, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
                Assert.True(first.Get<ScoringQueue>().TryEnqueue(takeId));
                scoredAt = (await ReviewFixtures.WaitForScoreAsync(first.Services, takeId)).ScoredAt;
                // As if the take had been scored before the method changed.
                await using var context = first.Db();
                await context.TakeScores.Where(s => s.TakeId == takeId).ExecuteUpdateAsync(u => u.SetProperty(s => s.MethodVersion, ConsistencyMethod.Version - 1));
            }

            using var second = new RenderStudio(settings);
            var score = await ReviewFixtures.WaitForScoreAsync(second.Services, takeId, after: scoredAt);

            Assert.Equal(ConsistencyMethod.Version, score.MethodVersion);
            Assert.InRange(Assert.Single(score.Characters).Score, 0, 0.1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ApprovingATakeOnTheBoard_ApprovesItsShot_AsTheApprovalMenuDoes()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var ada = await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(_studio.Services, ada);
        var first = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
        var second = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[0], ada, ReviewFixtures.Layout(references[1]));
        var approvals = _studio.Get<ApprovalService>();
        Assert.Equal(ApprovalState.Draft, (await approvals.GetAsync(shots[0], owner)).State);

        await _studio.Get<ReviewService>().DecideAsync(first, ReviewDecision.Approved, owner);
        var approved = await approvals.GetAsync(shots[0], owner);
        await _studio.Get<ReviewService>().DecideAsync(second, ReviewDecision.Approved, owner);

        Assert.Equal(ApprovalState.Approved, approved.State);
        Assert.Equal(owner, approved.ChangedByUserId);
        Assert.Contains($"Take {first}", approved.Note, StringComparison.Ordinal);
        // The shot was approved already: the second take is recorded without a second approval.
        Assert.Equal(approved.Version, (await approvals.GetAsync(shots[0], owner)).Version);
        await using var context = _studio.Db();
        Assert.Equal(2, await context.TakeDecisions.CountAsync(d => d.ShotId == shots[0] && d.Decision == ReviewDecision.Approved));
    }

    [Fact]
    public async Task ARenderedTake_IsScoredFromTheFramesItWasRenderedWith_AndAgreesWithItsDecodedClip()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Pixel");
        var frames = _studio.Get<RenderedFrameStore>();
        var served = frames.Served;

        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        var takeId = job.TakeId!.Value;
        var fromRender = await ReviewFixtures.WaitForScoreAsync(_studio.Services, takeId);
        var servedAfterRender = frames.Served;
        // Scored again on demand: the captured frames were used up, so this score decodes the clip file.
        await _studio.Get<ReviewService>().ScoreNowAsync(takeId, owner);
        var fromClip = await ReviewFixtures.WaitForScoreAsync(_studio.Services, takeId, after: fromRender.ScoredAt);

        Assert.Equal(served + 1, servedAfterRender);
        Assert.Equal(servedAfterRender, frames.Served);
        Assert.Null(fromRender.Note);
        Assert.Null(fromClip.Note);
        Assert.Equal(fromClip.ScoredFrames, fromRender.ScoredFrames);
        _output.WriteLine($"drift from render {fromRender.Characters.Single().Score:0.0000}, from clip {fromClip.Characters.Single().Score:0.0000}; flicker {fromRender.Flicker:0.0000} / {fromClip.Flicker:0.0000}");
        Assert.InRange(Math.Abs(fromRender.Characters.Single().Score - fromClip.Characters.Single().Score), 0, 0.05);
        Assert.InRange(Math.Abs(fromRender.Flicker!.Value - fromClip.Flicker!.Value), 0, 0.05);
    }

    [Fact]
    public async Task NonMembers_CannotReadScoresOrReports_AndViewersCannotAct()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var viewer = await RenderFixtures.AddUserAsync(_studio.Services, "Viewer");
        var stranger = await RenderFixtures.AddUserAsync(_studio.Services, "Stranger");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, viewer, ProjectRole.Viewer);
        var ada = await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(_studio.Services, ada);
        var takeId = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
        var review = _studio.Get<ReviewService>();
        await review.ScoreNowAsync(takeId, owner);
        var score = await ReviewFixtures.WaitForScoreAsync(_studio.Services, takeId);

        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.GetTakeScoreAsync(takeId, stranger));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.GetBoardAsync(projectId, stranger));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.GetShotScoresAsync(shots[0], stranger));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.GetWorstFrameAsync(score.Characters[0].Id, stranger));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => _studio.Get<ConsistencyReportExporter>().HtmlAsync(projectId, stranger));
        var denied = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.DecideAsync(takeId, ReviewDecision.Approved, viewer));
        Assert.True(denied.IsMember);
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => review.RegenerateAsync(takeId, RegenerationMode.NewSeed, viewer));
        Assert.NotNull(await review.GetTakeScoreAsync(takeId, viewer));

        using var strangerClient = _studio.ClientFor(stranger);
        using var viewerClient = _studio.ClientFor(viewer);
        foreach (var path in new[]
        {
            $"/api/takes/{takeId}/scores", $"/api/projects/{projectId}/review", $"/api/review/drift/{score.Characters[0].Id}/worst-frame",
            $"/api/projects/{projectId}/review/report.html", $"/api/projects/{projectId}/review/report.csv", $"/api/projects/{projectId}/review/report.json",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.PostAsync($"/api/takes/{takeId}/score", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerClient.PostAsync($"/api/takes/{takeId}/score", null)).StatusCode);
    }

    [Fact]
    public async Task RegenerateWithStrongerReferences_QueuesALowerStrengthTake_ThatIsScoredAndShownBesideThePrevious()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        var first = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, first.TakeId!.Value);
        var review = _studio.Get<ReviewService>();

        var jobId = await review.RegenerateAsync(first.TakeId!.Value, RegenerationMode.StrongerReferences, owner);
        var again = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, again.TakeId!.Value);

        var row = (await review.GetBoardAsync(projectId, owner)).Rows.Single(r => r.ShotId == shots[0]);
        Assert.Equal(first.TakeId, row.Current!.Id);
        Assert.Equal(ReviewState.MarkedForRegeneration, row.State);
        Assert.Equal(again.TakeId, row.Compare!.Id);
        Assert.Equal(RegenerationMode.StrongerReferences, row.Compare.RegeneratedAs);
        Assert.Equal(first.TakeId, row.Compare.RegeneratedFromTakeId);
        Assert.Equal(row.Current.Seed, row.Compare.Seed);
        Assert.True(row.Compare.Strength < row.Current.Strength, $"{row.Compare.Strength} should be below {row.Current.Strength}");
        Assert.NotNull(row.Compare.Score);

        await review.SelectAsync(again.TakeId!.Value, owner);
        var selected = (await review.GetBoardAsync(projectId, owner)).Rows.Single(r => r.ShotId == shots[0]);
        Assert.Equal(again.TakeId, selected.Current!.Id);
        Assert.Equal(first.TakeId, selected.Compare!.Id);
    }

    [Fact]
    public async Task Report_ContainsEveryShot_InHtmlCsvAndJson_WithEmbeddedImages()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);
        var ada = await ReviewFixtures.CastAloneAsync(_studio.Services, shots[0], "Ada");
        var (_, _, _, references) = await ReviewFixtures.LockedSetAsync(_studio.Services, ada);
        var takeId = await ReviewFixtures.StoreTakeAsync(_studio, projectId, shots[0], ada, ReviewFixtures.Layout(references[0]));
        await _studio.Get<TakeService>().SelectAsync(takeId, owner);
        await _studio.Get<ReviewService>().ScoreNowAsync(takeId, owner);
        await ReviewFixtures.WaitForScoreAsync(_studio.Services, takeId);
        List<string> titles;
        await using (var context = _studio.Db())
        {
            titles = await context.Shots.Where(s => shots.Contains(s.Id)).Select(s => s.Title).ToListAsync();
        }
        var reports = _studio.Get<ConsistencyReportExporter>();

        var html = await reports.HtmlAsync(projectId, owner);
        var csv = await reports.CsvAsync(projectId, owner);
        var report = await reports.BuildAsync(projectId, owner);

        Assert.All(titles, t => Assert.Contains(System.Net.WebUtility.HtmlEncode(t), html, StringComparison.Ordinal));
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, report.Lines.Select(l => l.Shot).Distinct().Count());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Lines.Count + 1, lines.Length);
        var scored = report.Lines.Single(l => l.TakeId == takeId);
        Assert.Contains(scored.Drift!.Value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture), lines.Single(l => l.Contains(",Ada,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(await reports.JsonAsync(projectId, owner));
        Assert.Equal(report.Lines.Count, json.RootElement.GetProperty("lines").GetArrayLength());
        Assert.Equal(scored.Drift.Value, json.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("character").GetString() == "Ada").GetProperty("drift").GetDouble());
    }

    [Theory]
    [InlineData(1.5, 0.2, 0.7, "drift")]
    [InlineData(0.6, -0.1, 0.7, "flicker")]
    [InlineData(0.6, 0.2, double.NaN, "seam")]
    public async Task Thresholds_OutsideZeroToOne_AreRefusedByName_AndChangeNothing(double drifted, double flickering, double seam, string named)
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        var review = _studio.Get<ReviewService>();
        await review.SetThresholdsAsync(projectId, 0.5, 0.25, 0.65, owner);

        var refused = await Assert.ThrowsAsync<ExplainerStudio.Web.Storyboards.StudioInputException>(() => review.SetThresholdsAsync(projectId, drifted, flickering, seam, owner));

        Assert.Contains($"The {named} threshold must be between 0 and 1", refused.Message, StringComparison.Ordinal);
        var kept = await review.GetThresholdsAsync(projectId, owner);
        Assert.Equal((0.5, 0.25, 0.65), (kept.Drifted, kept.Flickering, kept.Seam));
    }

    public void Dispose() => _studio.Dispose();
}

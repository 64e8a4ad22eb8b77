using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Timeline;

public sealed class TimelineOptionsTests : IDisposable
{
    private readonly RenderStudio _studio = new(new Dictionary<string, string?>
    {
        ["Timeline:LeadInSeconds"] = "1",
        ["Timeline:GapSeconds"] = "0.5",
        ["Timeline:TailSeconds"] = "2",
    });

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task ConfiguredPadding_IsUsedWhenShotsAreFittedToTheirDialogue()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, _) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 3);

        var timeline = await _studio.Get<TimelineService>().GetAsync(projectId, owner);

        Assert.All(timeline.Shots.Where(s => s.Lines.Count > 0), shot =>
        {
            var speech = shot.Lines.Sum(l => l.DurationSeconds);
            Assert.Equal(1 + speech + (0.5 * (shot.Lines.Count - 1)) + 2, shot.NeededSeconds, 6);
            Assert.Equal(shot.StartSeconds + 1, shot.Lines[0].StartSeconds, 6);
            Assert.InRange(shot.DurationSeconds - shot.NeededSeconds, 0, 1.0 / RenderStudio.TestFrameRate);
        });
    }
}

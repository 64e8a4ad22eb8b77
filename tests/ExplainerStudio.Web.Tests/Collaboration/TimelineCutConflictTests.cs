using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// A cut edit carries the saved cut it started from: saving over a cut another member changed since is refused and
/// changes nothing, so the timeline page can put both versions beside each other instead of overwriting one.
/// </summary>
public sealed class TimelineCutConflictTests : IDisposable
{
    private readonly RenderStudio _studio = new();

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task CutEdit_BasedOnAnOlderSave_IsRefused_AndTheirsIsKept()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, seconds: 2);
        var timeline = _studio.Get<TimelineService>();
        var opened = (await timeline.GetAsync(projectId, owner)).Shots[0].Cut;
        Assert.Equal(TimelineCutEdit.Default, opened);

        await timeline.UpdateCutAsync(shots[0], new TimelineCutEdit(false, TransitionKind.Crossfade, 0.8, 0.25) { BasedOn = opened }, owner);
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            timeline.UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0.5) { BasedOn = opened }, owner));

        Assert.Contains("The cut of shot '", conflict.Message, StringComparison.Ordinal);
        var saved = (await timeline.GetAsync(projectId, owner)).Shots[0].Cut;
        Assert.Equal(new TimelineCutEdit(false, TransitionKind.Crossfade, 0.8, 0.25), saved);
        await timeline.UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0.5) { BasedOn = saved }, owner);
        Assert.Equal(new TimelineCutEdit(true, TransitionKind.Cut, 0, 0.5), (await timeline.GetAsync(projectId, owner)).Shots[0].Cut);
    }

    [Fact]
    public async Task SavedCut_IsWhatWasSet_NotTheFittedTiming()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2, seconds: 2);
        var timeline = _studio.Get<TimelineService>();

        // The last shot has nothing to transition into, so the timeline plays a hard cut; the saved cut still says crossfade.
        await timeline.UpdateCutAsync(shots[1], new TimelineCutEdit(false, TransitionKind.Crossfade, 0.5, 0), owner);
        var last = (await timeline.GetAsync(projectId, owner)).Shots[1];

        Assert.Equal(TransitionKind.Cut, last.Transition);
        Assert.Equal(TransitionKind.Crossfade, last.Cut.Transition);
        await timeline.UpdateCutAsync(shots[1], new TimelineCutEdit(false, TransitionKind.FadeThroughBlack, 0.5, 0) { BasedOn = last.Cut }, owner);
    }
}

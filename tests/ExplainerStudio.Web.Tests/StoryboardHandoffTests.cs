using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExplainerStudio.Web.Tests;

/// <summary>The prerender's read of a board reaches the circuit only while it is still what a read would give.</summary>
public sealed class StoryboardHandoffTests
{
    private readonly ProjectChangeFeed _feed = new(NullLogger<ProjectChangeFeed>.Instance);
    private readonly ManualClock _clock = new();

    [Fact]
    public void TheSameUsersCircuit_TakesTheReadOnce()
    {
        var handoff = new StoryboardHandoff(_feed, _clock);
        var board = Board(7);
        handoff.Offer("ada", board, handoff.Position(7));

        Assert.Null(handoff.Take("bob", 7));
        Assert.Null(handoff.Take("ada", 8));
        Assert.Same(board, handoff.Take("ada", 7));
        Assert.Null(handoff.Take("ada", 7));
    }

    [Fact]
    public void AChangePublishedSinceTheReadStarted_MakesTheCircuitReadAgain()
    {
        var handoff = new StoryboardHandoff(_feed, _clock);
        var position = handoff.Position(7);
        _feed.Publish(new ProjectChange(7, ProjectChangeKind.Shot, 1, 1, "bob", "Bob", "Shot edited", _clock.GetUtcNow()));
        handoff.Offer("ada", Board(7), position);

        Assert.Null(handoff.Take("ada", 7));
    }

    [Fact]
    public void AChangeToAnotherProject_KeepsTheRead()
    {
        var handoff = new StoryboardHandoff(_feed, _clock);
        var board = Board(7);
        handoff.Offer("ada", board, handoff.Position(7));
        _feed.Publish(new ProjectChange(8, ProjectChangeKind.Shot, 1, 1, "bob", "Bob", "Shot edited", _clock.GetUtcNow()));

        Assert.Same(board, handoff.Take("ada", 7));
    }

    [Fact]
    public void AReadOlderThanMaxAge_IsNotTaken()
    {
        var handoff = new StoryboardHandoff(_feed, _clock);
        handoff.Offer("ada", Board(7), handoff.Position(7));
        _clock.Advance(StoryboardHandoff.MaxAge);

        Assert.Null(handoff.Take("ada", 7));
    }

    private static StoryboardView Board(int projectId) =>
        new(projectId, "Board", "", 1, 24, 1280, 720, ProjectRole.Owner, [], []);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

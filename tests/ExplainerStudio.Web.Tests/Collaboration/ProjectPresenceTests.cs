using ExplainerStudio.Web.Collaboration.Presence;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>Presence is per circuit: where a page is, hidden while its connection is down, gone when it closes.</summary>
public sealed class ProjectPresenceTests
{
    private readonly ProjectPresence _presence = new(TimeProvider.System, NullLogger<ProjectPresence>.Instance);

    [Fact]
    public void Circuit_IsSeenOnItsShot_UntilItLeavesOrCloses()
    {
        var ada = new LiveCircuit(_presence);
        var bob = new LiveCircuit(_presence);
        var heard = new List<int>();
        using var subscription = _presence.Subscribe(7, () => heard.Add(7));

        ada.Enter("ada", "Ada", 7, null);
        bob.Enter("bob", "Bob", 7, 42);
        ada.Enter("ada", "Ada", 7, 42);

        var here = _presence.InProject(7);
        Assert.Equal(["Ada", "Bob"], here.Select(e => e.DisplayName).Order());
        Assert.All(here, e => Assert.Equal(42, e.ShotId));
        Assert.Equal(3, heard.Count);

        bob.Leave(7);
        Assert.Equal("Ada", Assert.Single(_presence.InProject(7)).DisplayName);
        ada.Closed();
        Assert.Empty(_presence.InProject(7));
        Assert.Equal(5, heard.Count);
    }

    [Fact]
    public void DroppedConnection_HidesThePage_AndItsReturnShowsItAgain()
    {
        var ada = new LiveCircuit(_presence);
        ada.Enter("ada", "Ada", 3, 9);

        ada.ConnectionDown();
        Assert.Empty(_presence.InProject(3));
        ada.ConnectionUp();

        Assert.Equal(9, Assert.Single(_presence.InProject(3)).ShotId);
    }

    [Fact]
    public void MovingToAnotherProject_LeavesTheFirst()
    {
        var ada = new LiveCircuit(_presence);
        var heardFirst = 0;
        using var subscription = _presence.Subscribe(1, () => heardFirst++);
        ada.Enter("ada", "Ada", 1, null);

        ada.Enter("ada", "Ada", 2, null);

        Assert.Empty(_presence.InProject(1));
        Assert.Single(_presence.InProject(2));
        Assert.Equal(2, heardFirst);
    }

    [Fact]
    public void RemovedMember_IsNoLongerPresent_AndCannotEnterAgain()
    {
        var ada = new LiveCircuit(_presence);
        ada.Enter("ada", "Ada", 5, 1);

        ada.MarkRemovedFrom(5);
        ada.Enter("ada", "Ada", 5, 2);
        ada.ConnectionDown();
        ada.ConnectionUp();

        Assert.True(ada.IsRemovedFrom(5));
        Assert.Empty(_presence.InProject(5));
    }
}

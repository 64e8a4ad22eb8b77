namespace ExplainerStudio.Web.Collaboration.Presence;

/// <summary>
/// This circuit (one open browser tab) as the live features see it: an id that marks the changes it commits (so its
/// pages ignore their own echo), where it is (for presence, restored when a dropped connection comes back), and the
/// projects it was removed from (their events stop here at once, whatever page still holds a subscription).
/// </summary>
public sealed class LiveCircuit(ProjectPresence presence)
{
    private readonly object _gate = new();
    private readonly HashSet<int> _removedFrom = [];
    private (string UserId, string DisplayName, int ProjectId, int? ShotId)? _location;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public void Enter(string userId, string displayName, int projectId, int? shotId)
    {
        lock (_gate)
        {
            if (_removedFrom.Contains(projectId))
            {
                return;
            }
            _location = (userId, displayName, projectId, shotId);
        }
        presence.Enter(Id, userId, displayName, projectId, shotId);
    }

    public void Leave(int projectId)
    {
        lock (_gate)
        {
            if (_location?.ProjectId == projectId)
            {
                _location = null;
            }
        }
        presence.Leave(Id, projectId);
    }

    public void MarkRemovedFrom(int projectId)
    {
        lock (_gate)
        {
            _removedFrom.Add(projectId);
        }
        Leave(projectId);
    }

    public bool IsRemovedFrom(int projectId)
    {
        lock (_gate)
        {
            return _removedFrom.Contains(projectId);
        }
    }

    public void ConnectionDown() => presence.Leave(Id);

    public void ConnectionUp()
    {
        (string UserId, string DisplayName, int ProjectId, int? ShotId)? location;
        lock (_gate)
        {
            location = _location;
        }
        if (location is { } l)
        {
            presence.Enter(Id, l.UserId, l.DisplayName, l.ProjectId, l.ShotId);
        }
    }

    public void Closed()
    {
        lock (_gate)
        {
            _location = null;
        }
        presence.Leave(Id);
    }
}

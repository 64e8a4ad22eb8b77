namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// Which hub connections joined which project's group, for whom. The group itself cannot be listed, and a member who
/// is removed must leave it at once: on a membership change the relay asks this for the project's connections, re-checks
/// each user, and takes the connections of those no longer members out of the group.
/// </summary>
public sealed class ProjectHubConnections
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Membership> _connections = new(StringComparer.Ordinal);

    public void Joined(string connectionId, string userId, int projectId)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var joined))
            {
                joined = new Membership(userId, []);
                _connections[connectionId] = joined;
            }
            joined.Projects.Add(projectId);
        }
    }

    public void Left(string connectionId, int projectId)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var joined))
            {
                joined.Projects.Remove(projectId);
                if (joined.Projects.Count == 0)
                {
                    _connections.Remove(connectionId);
                }
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            _connections.Remove(connectionId);
        }
    }

    /// <summary>Connection ids per user, of the connections in the project's group now.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> InProject(int projectId)
    {
        lock (_gate)
        {
            return _connections.Where(c => c.Value.Projects.Contains(projectId))
                .GroupBy(c => c.Value.UserId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Key)], StringComparer.Ordinal);
        }
    }

    private sealed record Membership(string UserId, HashSet<int> Projects);
}

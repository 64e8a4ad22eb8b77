using System.Diagnostics;
using System.Globalization;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// Who holds a lease: this process, as "machine/process id/instance". A lease held by a process of this machine that
/// is no longer running is abandoned at once (a studio restarted after a kill need not wait for the lease to run out);
/// a lease of another machine's worker only ends when it expires, since that machine cannot be asked.
/// </summary>
public sealed class JobOwner
{
    private readonly string _machine;

    /// <param name="node">
    /// The machine's name in lease owners (<see cref="JobOptions.NodeName"/>); null for the host name. Two processes
    /// with the same node name trust each other's process ids, so give machines that share a host name distinct ones.
    /// </param>
    public JobOwner(string? node = null)
    {
        _machine = (string.IsNullOrWhiteSpace(node) ? Environment.MachineName : node.Trim()).Replace('/', '_');
        Id = string.Create(CultureInfo.InvariantCulture, $"{_machine}/{Environment.ProcessId}/{Guid.NewGuid():N}");
    }

    public string Id { get; }

    /// <summary>The machine part of <see cref="Id"/>: the node name, or the host name.</summary>
    public string Node => _machine;

    /// <summary>Whether a lease of <paramref name="owner"/> is known to be dead without waiting for it to expire.</summary>
    public bool IsGone(string? owner)
    {
        if (owner is null)
        {
            return true;
        }
        var parts = owner.Split('/');
        if (parts.Length != 3 || parts[0] != _machine || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }
        if (owner == Id)
        {
            return false;
        }
        if (processId == Environment.ProcessId)
        {
            // Another host in this process (tests run several): alive while it heartbeats, so the lease decides.
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

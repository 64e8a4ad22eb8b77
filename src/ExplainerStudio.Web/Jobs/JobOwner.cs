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
    private static readonly string Machine = Environment.MachineName.Replace('/', '_');

    public string Id { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Machine}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Whether a lease of <paramref name="owner"/> is known to be dead without waiting for it to expire.</summary>
    public bool IsGone(string? owner)
    {
        if (owner is null)
        {
            return true;
        }
        var parts = owner.Split('/');
        if (parts.Length != 3 || parts[0] != Machine || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
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

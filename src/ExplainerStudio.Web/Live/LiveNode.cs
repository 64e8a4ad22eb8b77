using System.Globalization;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// This process (one host) as a sender of live updates. Every message it puts on Redis carries this id, so that it
/// can drop its own messages when they come back and re-publish only other nodes' into its in-process feed.
/// </summary>
public sealed class LiveNode
{
    public string Id { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
}

using System.Text.Json;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// What crosses Redis for one live update: the wire version, the sending node (so it can drop its own echo), the topic
/// and the update itself as the topic's JSON. Serialised with <see cref="LiveJson.Options"/> only.
/// </summary>
/// <param name="V">The wire version; a node drops (and logs) messages of a version it does not speak.</param>
/// <param name="Node">The <see cref="LiveNode.Id"/> of the sender.</param>
/// <param name="Topic">"change", "render", "export": which in-process feed the update belongs to.</param>
/// <param name="SentAt">When the sender put it on Redis, for the latency figures.</param>
/// <param name="Payload">The update, as that feed's record.</param>
public sealed record LiveMessage(int V, string Node, string Topic, DateTimeOffset SentAt, JsonElement Payload)
{
    public const int CurrentVersion = 1;
}

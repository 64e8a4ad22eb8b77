using System.Text.Json;

namespace ExplainerStudio.Web.Live;

/// <summary>One in-process feed bridged over Redis: its local updates go out, other nodes' come back in, once each.</summary>
public interface ILiveTopic
{
    /// <summary>The topic's name on the wire and in its Redis channel.</summary>
    string Name { get; }

    /// <summary>Hands every update raised in this process (never one that came from another node) to <paramref name="send"/>.</summary>
    IDisposable SubscribeLocal(Action<JsonElement> send);

    /// <summary>Publishes another node's update into this process's feed, marked as not local so it is not sent on again.</summary>
    void Receive(JsonElement payload, string fromNode);
}

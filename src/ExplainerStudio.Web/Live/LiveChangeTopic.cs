using System.Text.Json;
using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Live;

/// <summary>The project change feed over Redis: changes committed here go out, other nodes' are published here marked with their node.</summary>
public sealed class LiveChangeTopic(ProjectChangeFeed feed) : ILiveTopic
{
    public string Name => "change";

    public IDisposable SubscribeLocal(Action<JsonElement> send) => feed.Subscribe(change =>
    {
        if (change.FromNode is null)
        {
            send(JsonSerializer.SerializeToElement(change, LiveJson.Options));
        }
    });

    public void Receive(JsonElement payload, string fromNode)
    {
        var change = payload.Deserialize<ProjectChange>(LiveJson.Options) ?? throw new JsonException("A change message had no change.");
        feed.Publish(change with { FromNode = fromNode });
    }
}

using System.Text.Json;
using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Live;

/// <summary>One job notifier (renders, exports) over Redis: events raised here go out, other nodes' are published here as from another node.</summary>
public sealed class LiveJobTopic<TEvent>(string name, JobNotifier<TEvent> notifier) : ILiveTopic
    where TEvent : class, IJobEvent
{
    public string Name { get; } = name;

    public IDisposable SubscribeLocal(Action<JsonElement> send) =>
        notifier.SubscribeLocal(jobEvent => send(JsonSerializer.SerializeToElement(jobEvent, LiveJson.Options)));

    public void Receive(JsonElement payload, string fromNode) =>
        notifier.PublishFromAnotherNode(payload.Deserialize<TEvent>(LiveJson.Options) ?? throw new JsonException($"A {Name} message had no event."));
}

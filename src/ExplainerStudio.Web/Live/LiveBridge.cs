using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// Carries the in-process feeds (<see cref="ILiveTopic"/>) between nodes over Redis pub/sub when Live:Redis is set, and
/// does nothing at all otherwise. Every update raised here is published once, tagged with this node; every message that
/// comes back is dropped if it is this node's own, and otherwise published into this process's feed once, marked as
/// from another node so that neither this bridge nor the hub relays send it on again (no echo between nodes). One
/// sender keeps this node's updates in the order they were raised; Redis delivers one channel's messages in order.
/// </summary>
public sealed class LiveBridge(
    LiveConnection connection, LiveNode node, IEnumerable<LiveTopicSource> topics, IServiceProvider services, TimeProvider clock, ILogger<LiveBridge> logger)
    : BackgroundService
{
    public const string ChannelPrefix = "explainerstudio:live:";

    private readonly Channel<(ILiveTopic Topic, JsonElement Payload)> _outbound = Channel.CreateBounded<(ILiveTopic, JsonElement)>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
        dropped => logger.LogWarning("The Redis bridge fell behind; a {Topic} update was not sent to the other nodes", dropped.Item1.Name));

    private readonly Dictionary<string, ILiveTopic> _topics = topics.Select(t => t.Create(services)).OfType<ILiveTopic>().ToDictionary(t => t.Name, StringComparer.Ordinal);
    private readonly List<IDisposable> _local = [];
    private ISubscriber? _subscriber;
    private bool _sendFailing;

    public static RedisChannel ChannelOf(string topic) => RedisChannel.Literal(ChannelPrefix + topic);

    /// <summary>Connects and subscribes before the host serves anything, so no update committed after start-up is missed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (connection.IsEnabled)
        {
            var redis = await connection.GetAsync();
            _subscriber = redis.GetSubscriber();
            foreach (var topic in _topics.Values)
            {
                try
                {
                    var messages = await _subscriber.SubscribeAsync(ChannelOf(topic.Name));
                    messages.OnMessage(message => Receive(topic, message.Message));
                }
                catch (RedisException e)
                {
                    // The multiplexer keeps the subscription and makes it on the server when it connects.
                    logger.LogWarning(e, "Could not subscribe to the {Topic} updates of other nodes yet; they arrive once Redis is reachable", topic.Name);
                }
                var local = topic.SubscribeLocal(payload => _outbound.Writer.TryWrite((topic, payload)));
                lock (_local)
                {
                    _local.Add(local);
                }
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscriber is not { } subscriber)
        {
            return;
        }
        await foreach (var (topic, payload) in _outbound.Reader.ReadAllAsync(stoppingToken))
        {
            var message = new LiveMessage(LiveMessage.CurrentVersion, node.Id, topic.Name, clock.GetUtcNow(), payload);
            try
            {
                await subscriber.PublishAsync(ChannelOf(topic.Name), JsonSerializer.SerializeToUtf8Bytes(message, LiveJson.Options));
                _sendFailing = false;
            }
            catch (RedisException e)
            {
                // Once per outage: the connection has already said that Redis is down, and every update would repeat it.
                if (!_sendFailing)
                {
                    logger.LogWarning(e, "Live updates of this node are not reaching the other nodes while Redis is unreachable ({Topic} update dropped)", topic.Name);
                    _sendFailing = true;
                }
            }
        }
    }

    private void Receive(ILiveTopic topic, RedisValue value)
    {
        LiveMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<LiveMessage>((byte[])value!, LiveJson.Options);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Dropped a {Topic} message from Redis that is not a live update", topic.Name);
            return;
        }
        if (message is null || message.Node == node.Id)
        {
            return;
        }
        if (message.V != LiveMessage.CurrentVersion || message.Topic != topic.Name)
        {
            logger.LogWarning("Dropped a {Topic} message of wire version {Version} from {Node}; this node speaks version {Current}: run one studio version on every node",
                message.Topic, message.V, message.Node, LiveMessage.CurrentVersion);
            return;
        }
        try
        {
            topic.Receive(message.Payload, message.Node);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Dropped a {Topic} update from {Node} that this node cannot read: run one studio version on every node", topic.Name, message.Node);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A stop can overlap a start still subscribing or a second stop (a web test host's disposal once failed here
        // with the list changing under the loop): take the subscriptions out under the lock and dispose each once.
        IDisposable[] local;
        lock (_local)
        {
            local = [.. _local];
            _local.Clear();
        }
        foreach (var subscription in local)
        {
            subscription.Dispose();
        }
        if (_subscriber is { } subscriber)
        {
            foreach (var topic in _topics.Values)
            {
                try
                {
                    await subscriber.UnsubscribeAsync(ChannelOf(topic.Name));
                }
                catch (RedisException)
                {
                    // Redis is down: the subscription ends with the connection anyway.
                }
            }
        }
        await base.StopAsync(cancellationToken);
    }
}

using System.Collections.Immutable;

namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>
/// Tells a user's open pages that their inbox changed (a notification arrived or was read), so the bell and the inbox
/// re-read it. It carries no content: the inbox is per user, not a project change, so it is not on the project feed.
/// Handlers run on the signalling thread and must only hand the call on (components use InvokeAsync).
/// </summary>
public sealed class InboxSignal(ILogger<InboxSignal> logger)
{
    private readonly object _gate = new();
    private ImmutableArray<Subscription> _subscriptions = [];

    public IDisposable Subscribe(string userId, Action handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, userId, handler);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public void Raise(string userId)
    {
        foreach (var subscription in _subscriptions.Where(s => s.UserId == userId))
        {
            try
            {
                subscription.Handler();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "An inbox subscriber failed");
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(InboxSignal owner, string userId, Action handler) : IDisposable
    {
        public string UserId { get; } = userId;
        public Action Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}

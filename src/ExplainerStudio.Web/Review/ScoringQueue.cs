using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Takes waiting to be scored, in arrival order. Bounded: a writer never waits (a render's completion must not; with a full queue TryWrite refuses at once), and a
/// take that does not fit stays unscored until someone asks for it.
/// </summary>
public sealed class ScoringQueue(IOptions<ReviewOptions> options)
{
    private readonly Channel<int> _channel = Channel.CreateBounded<int>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<int> Reader => _channel.Reader;

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(int takeId) => _channel.Writer.TryWrite(takeId);
}

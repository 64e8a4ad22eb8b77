using System.ComponentModel.DataAnnotations;
using System.Net;
using StackExchange.Redis;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// Live updates across web nodes, bound from the <c>Live</c> section. Without <see cref="Redis"/> the studio is one
/// machine: the hub and the in-process notifiers reach only this process's clients, and nothing touches Redis.
/// </summary>
public sealed class LiveOptions : IValidatableObject
{
    public const string SectionName = "Live";

    /// <summary>
    /// A StackExchange.Redis connection string ("127.0.0.1:6379", "redis.internal:6379,password=…"). With it, the render
    /// hub uses the SignalR Redis backplane and the project change feed and job notifiers are bridged over Redis pub/sub.
    /// A <c>channelPrefix=</c> in it keeps two studios on one Redis apart.
    /// </summary>
    public string? Redis { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The parsed <see cref="Redis"/>, set up to start and keep running while Redis is down.</summary>
    public ConfigurationOptions ToRedisConfiguration()
    {
        if (!IsEnabled)
        {
            throw new InvalidOperationException("Live:Redis is not set; this studio runs on one machine.");
        }
        var configuration = ConfigurationOptions.Parse(Redis!.Trim());
        // A node whose Redis is down still starts and serves its own clients; the multiplexer keeps reconnecting.
        configuration.AbortOnConnectFail = false;
        // Publishing while disconnected fails at once instead of queuing: a live update that cannot go out now is
        // stale by the time Redis is back (pages re-read the database), and a queue would hold the sender up.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "explainerstudio";
        return configuration;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }
        string? problem;
        try
        {
            var endPoints = ConfigurationOptions.Parse(Redis!.Trim()).EndPoints;
            problem = endPoints.Count == 0 ? "it names no host:port"
                : endPoints.OfType<DnsEndPoint>().FirstOrDefault(e => Uri.CheckHostName(e.Host) == UriHostNameType.Unknown) is { } bad
                    ? $"'{bad.Host}' is not a host name"
                    : null;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            yield return new ValidationResult(
                $"Live:Redis '{Redis}' is not a Redis connection string ({problem}). Give host:port, e.g. 127.0.0.1:6379, " +
                "with options after commas (password=…, ssl=true), or remove the setting to run on one machine.",
                [nameof(Redis)]);
        }
    }
}

namespace ExplainerStudio.Web.Live;

/// <summary>
/// How the bridge finds one of its topics in a host's services: null when the host lacks that feed (a render worker
/// host has no exports), so each host bridges exactly the feeds it has.
/// </summary>
public sealed record LiveTopicSource(Func<IServiceProvider, ILiveTopic?> Create);

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>Creates schedulers from a pack's configuration.</summary>
public static class SchedulerFactory
{
    /// <summary>Creates a <paramref name="kind"/> scheduler with already resolved settings.</summary>
    /// <exception cref="ArgumentException">The settings are out of range for that scheduler.</exception>
    public static IScheduler Create(SchedulerKind kind, SchedulerSettings settings) => kind switch
    {
        SchedulerKind.Ddim => new DdimScheduler(settings),
        SchedulerKind.Euler => new EulerScheduler(settings),
        SchedulerKind.EulerAncestral => new EulerAncestralScheduler(settings),
        SchedulerKind.Lcm => new LcmScheduler(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scheduler kind."),
    };

    /// <summary>
    /// Creates a <paramref name="kind"/> scheduler with the pack's configuration, filling settings the file
    /// leaves out with that scheduler's diffusers defaults. <paramref name="eta"/> is DDIM's noise weight.
    /// </summary>
    /// <exception cref="SchedulerConfigException">The configuration cannot drive that scheduler.</exception>
    public static IScheduler Create(SchedulerKind kind, SchedulerConfig config, double eta = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        SchedulerSettings settings = config.Resolve(kind) with { Eta = kind == SchedulerKind.Ddim ? eta : 0 };
        try
        {
            return Create(kind, settings);
        }
        catch (ArgumentException e)
        {
            throw new SchedulerConfigException(config.Source, $"Scheduler configuration '{config.Source}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Creates the scheduler the configuration names (<see cref="SchedulerConfig.DefaultChoice"/>); the returned
    /// choice carries a note when a stand-in runs instead of the configured class.
    /// </summary>
    /// <exception cref="SchedulerConfigException">The configured class has no stand-in or the settings are unusable.</exception>
    public static (IScheduler Scheduler, SchedulerChoice Choice) CreateDefault(SchedulerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SchedulerChoice choice = config.DefaultChoice();
        return (Create(choice.Kind, config), choice);
    }
}

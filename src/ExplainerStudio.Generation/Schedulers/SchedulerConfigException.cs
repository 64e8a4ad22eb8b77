namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// A scheduler configuration is unreadable, has a value of the wrong type or range, or asks for something the
/// studio's schedulers do not implement. The message names the file and the setting.
/// </summary>
public sealed class SchedulerConfigException : Exception
{
    /// <summary>Creates the exception for the configuration at <paramref name="source"/>.</summary>
    public SchedulerConfigException(string source, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ConfigurationSource = source;
    }

    /// <summary>The file (or other origin) of the configuration.</summary>
    public string ConfigurationSource { get; }
}

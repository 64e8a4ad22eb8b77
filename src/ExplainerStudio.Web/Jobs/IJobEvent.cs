namespace ExplainerStudio.Web.Jobs;

/// <summary>A progress event of some job, as <see cref="JobNotifier{TEvent}"/> fans it out.</summary>
public interface IJobEvent
{
    int JobId { get; }
    int ProjectId { get; }

    /// <summary>The job is over (succeeded, failed or cancelled); nothing follows for this attempt.</summary>
    bool IsFinal { get; }
}

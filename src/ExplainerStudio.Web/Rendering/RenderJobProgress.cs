using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// A running render's progress: every report becomes a live event at once, and is handed to the job's
/// <see cref="JobRun{TJob}"/>, which writes the latest to the row at most every
/// <see cref="RenderingOptions.ProgressSaveIntervalMilliseconds"/> off the render thread, so that a reload shows
/// where the job is.
/// </summary>
public sealed class RenderJobProgress(JobRun<RenderJob> run, RenderProgressNotifier notifier, TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private int _step;
    private int _total;

    private RenderJob Job => run.Job;

    public void Started() =>
        notifier.Publish(new RenderEvent(Job.Id, Job.ProjectId, Job.ShotId, RenderEventKind.Started, clock.GetUtcNow(), Phase: "starting"));

    public void Report(string phase, int step, int total, RgbImage? preview)
    {
        _step = step;
        _total = total;
        double? eta = step > 0 ? clock.GetElapsedTime(_started).TotalSeconds / step * (total - step) : null;
        notifier.Publish(new RenderEvent(Job.Id, Job.ProjectId, Job.ShotId, RenderEventKind.Progress, clock.GetUtcNow(),
            step, total, phase, eta, preview is null ? null : TestRenderService.DataUrl(preview)));
        Save(phase, step, total, saveNow: false);
    }

    public void Encoding()
    {
        notifier.Publish(new RenderEvent(Job.Id, Job.ProjectId, Job.ShotId, RenderEventKind.Encoding, clock.GetUtcNow(),
            _step, _total, "encoding"));
        Save("encoding", _step, _total, saveNow: true);
    }

    private void Save(string phase, int step, int total, bool saveNow) =>
        run.Report(u => u.SetProperty(j => j.Step, step).SetProperty(j => j.TotalSteps, total).SetProperty(j => j.Phase, phase), saveNow);
}

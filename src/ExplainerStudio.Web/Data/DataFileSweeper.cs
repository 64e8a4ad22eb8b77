using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Data;

/// <summary>Runs the orphan sweep of data/ once at start-up and then every <see cref="StudioDataOptions.SweepIntervalHours"/>.</summary>
public sealed class DataFileSweeper(
    StudioFiles files,
    IOptions<StudioDataOptions> options,
    TimeProvider clock,
    ILogger<DataFileSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweepOrphanFiles)
        {
            return;
        }
        var grace = TimeSpan.FromHours(options.Value.OrphanGraceHours);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.SweepIntervalHours), clock);
        do
        {
            try
            {
                await files.SweepAsync(grace, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file the studio cannot delete (permissions, a full disk) must not stop the studio; the next sweep retries.
                logger.LogWarning(e, "The sweep of data/ stopped early; it runs again in {Hours} h", options.Value.SweepIntervalHours);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using System.Text.Json;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Workers;

/// <summary>
/// This process's row in the workers list, for as long as it renders: written once the generation engine has started
/// (so it lists real packs and the real provider), renewed every heartbeat (with the packs again: a pull adds one),
/// removed on a clean stop. A killed worker's row stays, and its stale heartbeat shows it as lost; rows lost for
/// longer than <see cref="WorkerOptions.ForgetLostAfterHours"/> are removed by whichever worker beats next.
/// </summary>
public sealed class WorkerHeartbeat(
    IDbContextFactory<StudioDbContext> contextFactory,
    GenerationEngine engine,
    WorkerCapabilities capabilities,
    JobOwner owner,
    IOptions<JobOptions> jobOptions,
    IOptions<RenderingOptions> renderingOptions,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<WorkerHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!renderingOptions.Value.RunWorkers)
        {
            return;
        }
        await engine.WhenReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(jobOptions.Value.Heartbeat, clock);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database briefly unavailable: the list shows this worker as lost until the next beat gets through.
                logger.LogWarning(e, "Could not renew worker {WorkerId} in the workers list", owner.Id);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!renderingOptions.Value.RunWorkers)
        {
            return;
        }
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.Workers.Where(w => w.Id == owner.Id).ExecuteDeleteAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time ran out first: stopping must not fail for it; the row shows as lost, then goes.
            logger.LogInformation("Stopped before removing worker {WorkerId} from the workers list; it shows as lost", owner.Id);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remove worker {WorkerId} from the workers list; it shows as lost", owner.Id);
        }
    }

    /// <summary>Writes or renews this process's row, and forgets workers lost long ago.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var packs = JsonSerializer.Serialize(capabilities.Packs);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var renewed = await context.Workers.Where(w => w.Id == owner.Id).ExecuteUpdateAsync(u => u
            .SetProperty(w => w.HeartbeatAt, now)
            .SetProperty(w => w.PacksJson, packs)
            .SetProperty(w => w.ExecutionProvider, capabilities.ExecutionProvider)
            .SetProperty(w => w.HasGpu, capabilities.HasGpu)
            .SetProperty(w => w.Problem, capabilities.Problem), cancellationToken);
        if (renewed == 0)
        {
            context.Workers.Add(new Worker
            {
                Id = owner.Id,
                Host = owner.Node,
                ProcessId = Environment.ProcessId,
                Role = options.Value.Role,
                Version = ShotRenderer.AppVersion,
                ExecutionProvider = capabilities.ExecutionProvider,
                HasGpu = capabilities.HasGpu,
                PacksJson = packs,
                Slots = renderingOptions.Value.Workers,
                Problem = capabilities.Problem,
                StartedAt = now,
                HeartbeatAt = now,
            });
            await context.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Worker {WorkerId} ({Role}) joined: {Provider}, packs {Packs}", owner.Id, options.Value.Role, capabilities.ExecutionProvider, packs);
        }
        var forgetBefore = now - TimeSpan.FromHours(options.Value.ForgetLostAfterHours);
        await context.Workers.Where(w => w.HeartbeatAt < forgetBefore).ExecuteDeleteAsync(cancellationToken);
    }
}

using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// Every state change of a job row that the machinery owns, each one conditional update: a claim moves a queued job to
/// running under this process's lease, a heartbeat renews the lease (with the latest progress) only while the lease is
/// still this process's, a finish or re-queue applies only to the row as the caller last saw it. So two workers, in
/// one process or several sharing the database, can never both run a job or both finish it.
/// </summary>
public sealed class JobStore<TJob>(
    IDbContextFactory<StudioDbContext> contextFactory,
    IJobKind<TJob> kind,
    JobOwner owner,
    IOptions<JobOptions> options,
    TimeProvider clock)
    where TJob : class, IDurableJob
{
    public IJobKind<TJob> Kind => kind;

    public JobOwner Owner => owner;

    /// <summary>Takes the first queued job in the kind's order, or returns null when none is queued.</summary>
    public async Task<TJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var table = kind.Table(context);
        while (true)
        {
            // On PostgreSQL the candidate stays locked until the claim commits and other claimers skip it (FOR UPDATE
            // SKIP LOCKED), so concurrent workers each take a different job at once.
            await using var transaction = context.Database.IsNpgsql() ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            var candidate = await kind.InClaimOrder(table.AsNoTracking().Where(kind.IsQueued)).ForUpdateSkipLocked()
                .Select(JobColumns<TJob>.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == 0)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            DateTimeOffset? until = now + options.Value.Lease;
            // The one place where a job changes hands. On SQLite the status condition decides a race between workers
            // (the loser finds 0 rows and tries the next candidate); on PostgreSQL the row lock above already did.
            var claimed = await table.Where(JobColumns<TJob>.HasId(candidate)).Where(kind.IsQueued)
                .ExecuteUpdateAsync(update =>
                {
                    kind.SetClaimed(update, now);
                    update.SetProperty(JobColumns<TJob>.LeaseOwner, owner.Id);
                    update.SetProperty(JobColumns<TJob>.LeaseExpiresAt, until);
                }, cancellationToken);
            if (claimed == 1)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                return await table.AsNoTracking().FirstAsync(JobColumns<TJob>.HasId(candidate), cancellationToken);
            }
        }
    }

    /// <summary>Starts the heartbeat of a job this process has just claimed.</summary>
    public JobRun<TJob> Start(TJob job, TimeSpan progressSaveInterval, ILogger logger, CancellationToken stoppingToken) =>
        new(this, job, progressSaveInterval, options.Value.Heartbeat, clock, logger, stoppingToken);

    /// <summary>Renews the lease (saving <paramref name="progress"/> with it) and reads the job's cancel flag.</summary>
    public async Task<JobBeat> BeatAsync(int jobId, Action<UpdateSettersBuilder<TJob>>? progress, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var table = kind.Table(context);
        DateTimeOffset? until = clock.GetUtcNow() + options.Value.Lease;
        var held = await table.Where(JobColumns<TJob>.HasId(jobId)).Where(JobColumns<TJob>.OwnedBy(owner.Id)).Where(kind.IsRunning)
            .ExecuteUpdateAsync(update =>
            {
                update.SetProperty(JobColumns<TJob>.LeaseExpiresAt, until);
                progress?.Invoke(update);
            }, cancellationToken);
        if (held == 0)
        {
            return JobBeat.Lost;
        }
        var cancelRequested = await table.Where(JobColumns<TJob>.HasId(jobId)).Select(JobColumns<TJob>.CancelRequested).FirstOrDefaultAsync(cancellationToken);
        return cancelRequested ? JobBeat.CancelRequested : JobBeat.Held;
    }

    /// <summary>
    /// Ends a job this process runs: the kind's final columns, and the lease released. False when the job is no longer
    /// this process's (it was reclaimed after a lost lease), in which case nothing is written.
    /// </summary>
    public async Task<bool> FinishAsync(int jobId, Action<UpdateSettersBuilder<TJob>> final, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var finished = await kind.Table(context)
            .Where(JobColumns<TJob>.HasId(jobId)).Where(JobColumns<TJob>.OwnedBy(owner.Id)).Where(kind.IsRunning)
            .ExecuteUpdateAsync(update =>
            {
                final(update);
                update.SetProperty(JobColumns<TJob>.LeaseOwner, (string?)null);
                update.SetProperty(JobColumns<TJob>.LeaseExpiresAt, (DateTimeOffset?)null);
            }, cancellationToken);
        return finished == 1;
    }

    /// <summary>A job this process was running goes back to the queue (a clean shutdown interrupted it).</summary>
    public Task<bool> RequeueAsync(int jobId, CancellationToken cancellationToken = default) =>
        FinishAsync(jobId, kind.SetRequeued, cancellationToken);

    /// <summary>
    /// Cancels a queued job at once, or flags a running one for its worker, wherever that worker runs. The caller stops
    /// a job running in this process through <see cref="JobCancellations{TJob}"/> too, so it need not wait for a beat.
    /// </summary>
    public async Task<JobCancelOutcome> RequestCancelAsync(int jobId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var table = kind.Table(context);
        var now = clock.GetUtcNow();
        var dequeued = await table.Where(JobColumns<TJob>.HasId(jobId)).Where(kind.IsQueued)
            .ExecuteUpdateAsync(update => kind.SetCancelled(update, now), cancellationToken);
        if (dequeued == 1)
        {
            return JobCancelOutcome.Dequeued;
        }
        var flagged = await table.Where(JobColumns<TJob>.HasId(jobId)).Where(kind.IsRunning)
            .ExecuteUpdateAsync(update => update.SetProperty(JobColumns<TJob>.CancelRequested, true), cancellationToken);
        return flagged == 1 ? JobCancelOutcome.Requested : JobCancelOutcome.AlreadyOver;
    }

    /// <summary>
    /// Running jobs nobody runs any more: their lease expired with no heartbeat, their owner was a process of this
    /// machine that has exited, or they hold no lease at all (written by a studio from before leases).
    /// </summary>
    public async Task<IReadOnlyList<TJob>> FindAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var running = await kind.Table(context).AsNoTracking().Where(kind.IsRunning).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. running.Where(j => j.LeaseExpiresAt is not { } until || until <= now || owner.IsGone(j.LeaseOwner))];
    }

    /// <summary>
    /// Applies <paramref name="change"/> to an abandoned job found by <see cref="FindAbandonedAsync"/>, only if its row
    /// is still as it was found (a heartbeat since then means its worker is alive after all), and releases its lease.
    /// </summary>
    public async Task<bool> ReleaseAbandonedAsync(TJob found, Action<UpdateSettersBuilder<TJob>> change, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var expires = found.LeaseExpiresAt;
        var released = await kind.Table(context)
            .Where(JobColumns<TJob>.HasId(found.Id)).Where(kind.IsRunning).Where(JobColumns<TJob>.OwnedBy(found.LeaseOwner))
            .Where(JobColumns<TJob>.ExpiresAt(expires))
            .ExecuteUpdateAsync(update =>
            {
                change(update);
                update.SetProperty(JobColumns<TJob>.LeaseOwner, (string?)null);
                update.SetProperty(JobColumns<TJob>.LeaseExpiresAt, (DateTimeOffset?)null);
            }, cancellationToken);
        return released == 1;
    }

    /// <summary>Ids of running jobs whose lease is alive: their files are in use by some worker.</summary>
    public async Task<IReadOnlySet<int>> LiveJobIdsAsync(CancellationToken cancellationToken)
    {
        var abandoned = (await FindAbandonedAsync(cancellationToken)).Select(j => j.Id).ToHashSet();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var running = await kind.Table(context).AsNoTracking().Where(kind.IsRunning).Select(JobColumns<TJob>.Id).ToListAsync(cancellationToken);
        return running.Where(id => !abandoned.Contains(id)).ToHashSet();
    }
}

using System.Linq.Expressions;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// What differs between kinds of job (renders, exports): their table, their status values and the columns a claim or
/// a re-queue resets. Everything else (claim, lease, heartbeat, cancel, recovery) is <see cref="JobStore{TJob}"/>'s.
/// </summary>
public interface IJobKind<TJob>
    where TJob : class, IDurableJob
{
    /// <summary>"render", "export": for log lines and messages.</summary>
    string Name { get; }

    DbSet<TJob> Table(StudioDbContext context);

    Expression<Func<TJob, bool>> IsQueued { get; }

    Expression<Func<TJob, bool>> IsRunning { get; }

    /// <summary>The order workers take queued jobs in.</summary>
    IQueryable<TJob> InClaimOrder(IQueryable<TJob> queued);

    /// <summary>The status and the kind's own columns of a job a worker has just claimed.</summary>
    void SetClaimed(UpdateSettersBuilder<TJob> update, DateTimeOffset now);

    /// <summary>The status and progress columns of a job going back to the queue to start over.</summary>
    void SetRequeued(UpdateSettersBuilder<TJob> update);

    /// <summary>The status of a job that was cancelled before a worker took it.</summary>
    void SetCancelled(UpdateSettersBuilder<TJob> update, DateTimeOffset now);
}

using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Data;

/// <summary>Row locks for the few queries that hand a row to exactly one of several competing processes.</summary>
public static class RowLocks
{
    internal const string SkipLockedTag = "studio:for-update-skip-locked";

    /// <summary>
    /// On PostgreSQL the query locks the rows it returns until the caller's transaction ends, skipping rows another
    /// transaction has locked (<c>FOR UPDATE SKIP LOCKED</c>, added by <see cref="SkipLockedInterceptor"/>), so each
    /// of several claimers gets a different row at once. Use it inside a transaction, on a query over one table. On
    /// SQLite, which has one writer at a time, the query runs as written and a conditional update must decide.
    /// </summary>
    public static IQueryable<T> ForUpdateSkipLocked<T>(this IQueryable<T> query) => query.TagWith(SkipLockedTag);
}

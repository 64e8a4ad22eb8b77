using System.Linq.Expressions;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// The <see cref="IDurableJob"/> columns as expressions over the concrete row type, so that EF Core translates them
/// the same way as a hand-written lambda over that type (no interface casts inside queries and setters). Values go in
/// through a captured holder, so EF Core sends them as parameters and reuses one compiled statement.
/// </summary>
internal static class JobColumns<TJob>
    where TJob : class, IDurableJob
{
    public static readonly Expression<Func<TJob, int>> Id = Column<int>(nameof(IDurableJob.Id));
    public static readonly Expression<Func<TJob, bool>> CancelRequested = Column<bool>(nameof(IDurableJob.CancelRequested));
    public static readonly Expression<Func<TJob, string?>> LeaseOwner = Column<string?>(nameof(IDurableJob.LeaseOwner));
    public static readonly Expression<Func<TJob, DateTimeOffset?>> LeaseExpiresAt = Column<DateTimeOffset?>(nameof(IDurableJob.LeaseExpiresAt));

    public static Expression<Func<TJob, bool>> HasId(int id) => EqualTo(Id, id);

    public static Expression<Func<TJob, bool>> OwnedBy(string? owner) => EqualTo(LeaseOwner, owner);

    public static Expression<Func<TJob, bool>> ExpiresAt(DateTimeOffset? until) => EqualTo(LeaseExpiresAt, until);

    private static Expression<Func<TJob, TValue>> Column<TValue>(string name)
    {
        var row = Expression.Parameter(typeof(TJob), "job");
        var property = typeof(TJob).GetProperty(name) ?? throw new InvalidOperationException($"{typeof(TJob).Name} has no {name} column.");
        return Expression.Lambda<Func<TJob, TValue>>(Expression.Property(row, property), row);
    }

    private static Expression<Func<TJob, bool>> EqualTo<TValue>(Expression<Func<TJob, TValue>> column, TValue value)
    {
        var holder = new Holder<TValue>(value);
        var parameter = Expression.Property(Expression.Constant(holder), nameof(Holder<TValue>.Value));
        return Expression.Lambda<Func<TJob, bool>>(Expression.Equal(column.Body, parameter), column.Parameters);
    }

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}

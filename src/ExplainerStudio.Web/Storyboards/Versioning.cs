using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>
/// Optimistic concurrency for entities with an integer Version token: the edit must be based on the version in the
/// database, and saving bumps it. The token is also checked by the UPDATE itself, so two saves racing between the
/// check and the write still cannot both win.
/// </summary>
internal static class Versioning
{
    public static void Expect<T>(DbContext context, T entity, int expectedVersion, string what)
        where T : class
    {
        var version = context.Entry(entity).Property<int>("Version");
        if (version.CurrentValue != expectedVersion)
        {
            throw new EditConflictException(what);
        }
        version.OriginalValue = expectedVersion;
        version.CurrentValue = expectedVersion + 1;
    }

    public static async Task SaveAsync(DbContext context, string what, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException(what);
        }
    }
}

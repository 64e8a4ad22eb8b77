using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>Whether the studio still needs its first account; cached once false, since accounts are never all deleted here.</summary>
public sealed class FirstRunState(IDbContextFactory<StudioDbContext> contextFactory)
{
    private volatile bool _hasAccounts;

    public async Task<bool> NeedsFirstAccountAsync(CancellationToken cancellationToken = default)
    {
        if (_hasAccounts)
        {
            return false;
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        _hasAccounts = await context.Users.AnyAsync(cancellationToken);
        return !_hasAccounts;
    }

    public void AccountCreated() => _hasAccounts = true;
}

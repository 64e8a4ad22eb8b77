using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Who looks after the studio as a whole (its data folder, its accounts), as opposed to a project's owner. The first
/// account is the administrator; an administrator can make others administrators, and the studio never has none.
/// Kept as an Identity claim, so no column and no migration: it is read from the database on every check, never from
/// the sign-in cookie, so a revoked administrator loses the pages at once.
/// </summary>
public sealed class StudioAdministrators(
    IDbContextFactory<StudioDbContext> contextFactory,
    UserManager<StudioUser> users,
    ILogger<StudioAdministrators> logger)
{
    public const string ClaimType = "studio:administrator";

    // One studio-wide lock, so two administrators revoking each other at once cannot leave the studio with none.
    private static readonly SemaphoreSlim Changes = new(1, 1);

    public async Task<bool> IsAdministratorAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return false;
        }
        // Every page's navigation asks this, so an administrator costs one query; only a "no" also checks that the
        // studio has an administrator at all (an upgraded studio may not yet) and asks again if one was just made.
        if (await HasClaimAsync(userId, cancellationToken))
        {
            return true;
        }
        return await EnsureOneAsync(cancellationToken) && await HasClaimAsync(userId, cancellationToken);
    }

    private async Task<bool> HasClaimAsync(string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.UserClaims.AnyAsync(c => c.UserId == userId && c.ClaimType == ClaimType, cancellationToken);
    }

    /// <summary>Every account with whether it administers the studio, by name.</summary>
    public async Task<IReadOnlyList<StudioAccount>> ListAsync(string actorId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(actorId, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var administrators = await context.UserClaims.Where(c => c.ClaimType == ClaimType).Select(c => c.UserId).ToListAsync(cancellationToken);
        var accounts = await context.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var projects = await context.ProjectMembers.AsNoTracking().GroupBy(m => m.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        return [.. accounts
            .Select(a => new StudioAccount(a.Id, a.DisplayName, a.Email ?? "", administrators.Contains(a.Id), projects.GetValueOrDefault(a.Id)))
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task GrantAsync(string actorId, string userId, CancellationToken cancellationToken = default)
    {
        await Changes.WaitAsync(cancellationToken);
        try
        {
            await RequireAsync(actorId, cancellationToken);
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("That account no longer exists.");
            if (await IsAdministratorAsync(userId, cancellationToken))
            {
                return;
            }
            Check(await users.AddClaimAsync(user, new Claim(ClaimType, "true")));
            logger.LogInformation("{Actor} made {Email} a studio administrator", actorId, user.Email);
        }
        finally
        {
            Changes.Release();
        }
    }

    public async Task RevokeAsync(string actorId, string userId, CancellationToken cancellationToken = default)
    {
        await Changes.WaitAsync(cancellationToken);
        try
        {
            await RequireAsync(actorId, cancellationToken);
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("That account no longer exists.");
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var claims = await context.UserClaims.Where(c => c.ClaimType == ClaimType).ToListAsync(cancellationToken);
            if (claims.All(c => c.UserId != userId))
            {
                return;
            }
            if (claims.Select(c => c.UserId).Distinct().Count() == 1)
            {
                throw new StudioInputException("The studio needs at least one administrator: make someone else an administrator first.");
            }
            context.UserClaims.RemoveRange(claims.Where(c => c.UserId == userId));
            await context.SaveChangesAsync(cancellationToken);
            logger.LogInformation("{Actor} removed {Email} as a studio administrator", actorId, user.Email);
        }
        finally
        {
            Changes.Release();
        }
    }

    /// <summary>Makes a newly created first account the administrator.</summary>
    internal async Task GrantFirstAsync(StudioUser user)
    {
        Check(await users.AddClaimAsync(user, new Claim(ClaimType, "true")));
    }

    private async Task RequireAsync(string actorId, CancellationToken cancellationToken)
    {
        if (!await IsAdministratorAsync(actorId, cancellationToken))
        {
            throw new ProjectAccessDeniedException("Only a studio administrator can do this. Ask the person who set up the studio.", isMember: false);
        }
    }

    // A studio upgraded from before administrators existed has none: the owner of its oldest project (the first
    // account, which always gets the demo project) becomes one, so someone can always reach the administration page.
    /// <summary>Whether it made an administrator just now.</summary>
    private async Task<bool> EnsureOneAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.UserClaims.AnyAsync(c => c.ClaimType == ClaimType, cancellationToken) || !await context.Users.AnyAsync(cancellationToken))
        {
            return false;
        }
        var founder = await context.ProjectMembers.Where(m => m.Role == ProjectRole.Owner).OrderBy(m => m.ProjectId).Select(m => m.UserId).FirstOrDefaultAsync(cancellationToken)
            ?? await context.Users.OrderBy(u => u.Email).Select(u => u.Id).FirstAsync(cancellationToken);
        context.UserClaims.Add(new IdentityUserClaim<string> { UserId = founder, ClaimType = ClaimType, ClaimValue = "true" });
        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("The studio had no administrator; the owner of its oldest project ({UserId}) is now one", founder);
        return true;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StudioInputException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>One account as the administration page lists it.</summary>
public sealed record StudioAccount(string Id, string DisplayName, string Email, bool IsAdministrator, int Projects);

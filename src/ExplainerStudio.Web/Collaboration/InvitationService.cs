using System.Security.Cryptography;
using System.Text;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration;

/// <summary>Owners invite people by link; the link lets exactly one account be created and joins it to the project.</summary>
public sealed class InvitationService(IDbContextFactory<StudioDbContext> contextFactory, ProjectAccess access, TimeProvider clock, ProjectChangePublisher changes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<CreatedInvitation> CreateAsync(int projectId, ProjectRole role, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Owner, cancellationToken);
        if (!Enum.IsDefined(role))
        {
            throw new StudioInputException("Choose a role for the invitation: Viewer, Reviewer, Editor or Owner.");
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var invitation = new ProjectInvitation
        {
            ProjectId = projectId,
            Role = role,
            TokenSha256 = Hash(token),
            CreatedByUserId = userId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.ProjectInvitations.Add(invitation);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedInvitation(invitation.Id, role, invitation.ExpiresAt, "/Account/Register?invite=" + token);
    }

    public async Task<IReadOnlyList<InvitationView>> ListAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Owner, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await context.ProjectInvitations.AsNoTracking().Where(i => i.ProjectId == projectId).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(i => i.CreatedAt).Select(i => new InvitationView(i.Id, i.Role, i.CreatedAt, i.ExpiresAt,
            i.AcceptedAt is not null ? "Accepted" : i.RevokedAt is not null ? "Revoked" : i.ExpiresAt <= now ? "Expired" : "Open"))];
    }

    public async Task RevokeAsync(int invitationId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await context.ProjectInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken)
            ?? throw new NotFoundException("That invitation no longer exists.");
        await access.RequireAsync(invitation.ProjectId, userId, ProjectRole.Owner, cancellationToken);
        invitation.RevokedAt ??= clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the token is an open invitation (not used, revoked or expired).</summary>
    public async Task<bool> IsOpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await context.ProjectInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenSha256 == hash, cancellationToken);
        return invitation is { AcceptedAt: null, RevokedAt: null } && invitation.ExpiresAt > now;
    }

    /// <summary>
    /// Uses the invitation for the new account and makes it a member; false when someone else used it first (the
    /// update only succeeds on an open invitation, so a link works once even when two people race for it).
    /// </summary>
    public async Task<bool> AcceptAsync(string token, string newUserId, CancellationToken cancellationToken = default)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await context.ProjectInvitations.FirstOrDefaultAsync(i => i.TokenSha256 == hash, cancellationToken);
        if (invitation is null)
        {
            return false;
        }
        var claimed = await context.ProjectInvitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, newUserId), cancellationToken);
        if (claimed == 0 || invitation.ExpiresAt <= now)
        {
            return false;
        }
        var member = new ProjectMember { ProjectId = invitation.ProjectId, UserId = newUserId, Role = invitation.Role, AddedAt = now };
        context.ProjectMembers.Add(member);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(invitation.ProjectId, ProjectChangeKind.Membership, member.Id, null, newUserId, $"joined the project as {invitation.Role}");
        return true;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration;

public sealed record MemberView(int Id, string UserId, string DisplayName, string Email, ProjectRole Role);

/// <summary>Who belongs to a project and with which role. Only owners change membership; a project always keeps an owner.</summary>
public sealed class MembershipService(IDbContextFactory<StudioDbContext> contextFactory, ProjectAccess access, TimeProvider clock, ProjectChangePublisher changes)
{
    public async Task<IReadOnlyList<MemberView>> ListAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await context.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new MemberView(m.Id, m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role))
            .ToListAsync(cancellationToken);
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task AddAsync(int projectId, string userId, string email, ProjectRole role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Owner, cancellationToken);
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw new StudioInputException($"No account uses the e-mail '{email}'. Ask them to register first, then add them.");
        if (await context.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == user.Id, cancellationToken))
        {
            throw new StudioInputException($"{user.DisplayName} is already a member; change their role instead.");
        }
        var member = new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role, AddedAt = clock.GetUtcNow() };
        context.ProjectMembers.Add(member);
        await context.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(projectId, ProjectChangeKind.Membership, member.Id, null, userId, $"added {user.DisplayName} as {role}");
    }

    public async Task ChangeRoleAsync(int memberId, string userId, ProjectRole role, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Counting owners and changing one happen under SQLite's write lock, so two owners demoting each other at
        // the same moment cannot leave the project without one.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var member = await context.ProjectMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new NotFoundException("That membership no longer exists.");
        await access.RequireAsync(member.ProjectId, userId, ProjectRole.Owner, cancellationToken);
        if (member.Role == ProjectRole.Owner && role != ProjectRole.Owner)
        {
            await EnsureAnotherOwnerAsync(context, member, cancellationToken);
        }
        member.Role = role;
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(member.ProjectId, ProjectChangeKind.Membership, member.Id, null, userId, $"made a member {role}");
    }

    public async Task RemoveAsync(int memberId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Counting owners and changing one happen under SQLite's write lock, so two owners demoting each other at
        // the same moment cannot leave the project without one.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var member = await context.ProjectMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new NotFoundException("That membership no longer exists.");
        await access.RequireAsync(member.ProjectId, userId, ProjectRole.Owner, cancellationToken);
        if (member.Role == ProjectRole.Owner)
        {
            await EnsureAnotherOwnerAsync(context, member, cancellationToken);
        }
        context.ProjectMembers.Remove(member);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.PublishAsync(member.ProjectId, ProjectChangeKind.Membership, member.Id, null, userId, "removed a member from the project");
    }

    private static async Task EnsureAnotherOwnerAsync(StudioDbContext context, ProjectMember member, CancellationToken cancellationToken)
    {
        var owners = await context.ProjectMembers.CountAsync(m => m.ProjectId == member.ProjectId && m.Role == ProjectRole.Owner, cancellationToken);
        if (owners <= 1)
        {
            throw new StudioInputException("A project needs at least one owner. Make someone else an owner first.");
        }
    }
}

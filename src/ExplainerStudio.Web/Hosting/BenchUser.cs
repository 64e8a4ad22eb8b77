using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Hosting;

/// <summary>The one account a benchmark's projects belong to: the benchmarks measure rendering and planning, not sign-in.</summary>
internal static class BenchUser
{
    public static Task<string> AddAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        AddAsync(services.GetRequiredService<IDbContextFactory<StudioDbContext>>(), cancellationToken);

    public static async Task<string> AddAsync(IDbContextFactory<StudioDbContext> factory, CancellationToken cancellationToken)
    {
        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        var user = new StudioUser { Id = Guid.NewGuid().ToString(), DisplayName = "Bench", UserName = "bench@example.com", Email = "bench@example.com" };
        context.Users.Add(user);
        await context.SaveChangesAsync(cancellationToken);
        return user.Id;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the studio (its host would open and upgrade
/// the real database). The connection string is never opened when a migration is scaffolded.
/// </summary>
internal sealed class StudioDbContextDesignTimeFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    public StudioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StudioDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

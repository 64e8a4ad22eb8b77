using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ExplainerStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Creates the database on first start and upgrades older ones in place. The schema version lives in SQLite's
/// user_version; each upgrade runs in one transaction after a copy of the file is taken, so a failed upgrade leaves
/// the user's data as it was. (EF's migration tooling does not restore on this feed; these steps are hand-written.)
/// </summary>
public sealed class StudioDatabase(
    IDbContextFactory<StudioDbContext> contextFactory,
    StudioPaths paths,
    ILogger<StudioDatabase> logger)
{
    public const int CurrentSchemaVersion = 2;

    /// <summary>Every step from an older schema to the next; append, never edit.</summary>
    public static IReadOnlyList<SchemaUpgrade> Upgrades { get; } =
    [
        new(1, "deleted shots stay restorable (undo)", ["ALTER TABLE \"Shots\" ADD COLUMN \"DeletedAt\" INTEGER NULL"]),
    ];

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var version = await ReadUserVersionAsync(context, cancellationToken);
            var hasTables = await HasTablesAsync(context, cancellationToken);
            if (!hasTables)
            {
                await context.Database.EnsureCreatedAsync(cancellationToken);
                await WriteUserVersionAsync(context, CurrentSchemaVersion, cancellationToken);
                logger.LogInformation("Created the studio database at {Path} (schema {Version})", paths.DatabasePath, CurrentSchemaVersion);
                return;
            }

            if (version > CurrentSchemaVersion)
            {
                throw new SchemaVersionException(
                    $"The database {paths.DatabasePath} has schema version {version}, written by a newer ExplainerStudio " +
                    $"(this one knows up to {CurrentSchemaVersion}). Update the studio, or point Data:Directory elsewhere.");
            }

            if (version < CurrentSchemaVersion)
            {
                await UpgradeAsync(context, version, cancellationToken);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private async Task UpgradeAsync(StudioDbContext context, int fromVersion, CancellationToken cancellationToken)
    {
        var backup = Path.Combine(paths.DataDirectory, "backups",
            $"studio-schema{fromVersion}-{DateTime.UtcNow:yyyyMMddHHmmss}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        await using (var command = context.Database.GetDbConnection().CreateCommand())
        {
            // VACUUM INTO writes a consistent copy even with WAL pages not yet checkpointed.
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.Add(new SqliteParameter("$path", backup));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var version = fromVersion; version < CurrentSchemaVersion; version++)
        {
            var step = Upgrades.SingleOrDefault(u => u.FromVersion == version)
                ?? throw new SchemaVersionException(
                    $"No upgrade is known from schema version {version}. The backup is at {backup}.");
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            foreach (var statement in step.Statements)
            {
                await context.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
            await WriteUserVersionAsync(context, version + 1, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Upgraded the studio database to schema {Version}: {Description} (backup at {Backup})",
                version + 1, step.Description, backup);
        }
    }

    private static async Task<int> ReadUserVersionAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> HasTablesAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task WriteUserVersionAsync(StudioDbContext context, int version, CancellationToken cancellationToken)
    {
        // PRAGMA takes no parameters; the value is an integer the studio owns.
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA user_version = " + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

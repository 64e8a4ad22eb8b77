using System.Globalization;
using System.Reflection;
using ExplainerStudio.Web.Data.Migrations;
using ExplainerStudio.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Creates the database on first start and upgrades older ones in place, always after a copy of the file is taken
/// (data/backups), so a failed upgrade leaves the user's data as it was.
/// <para>
/// The schema is EF Core migrations (Data/Migrations). Their first, <see cref="Baseline"/>, is exactly schema version
/// 4, the last one this class wrote by hand. A database from before migrations (no history table) is brought to 4 by
/// the hand-written <see cref="Upgrades"/>, each in one transaction, and then the baseline is recorded as applied
/// without running it (its tables are already there); every later change is an ordinary migration. A database that
/// carries a migration this studio does not know, or a user_version above 4, was written by a newer studio: it is
/// refused and left untouched.
/// </para>
/// </summary>
public sealed class StudioDatabase(
    IDbContextFactory<StudioDbContext> contextFactory,
    StudioPaths paths,
    ILogger<StudioDatabase> logger)
{
    /// <summary>
    /// The user_version of every database since the baseline migration (which equals hand-written schema 4). Later
    /// schema changes are migrations and leave it as it is; it only tells pre-migration databases apart.
    /// </summary>
    public const int CurrentSchemaVersion = 4;

    /// <summary>The advisory lock every studio process takes while it checks and migrates a PostgreSQL database.</summary>
    private const long MigrationLockKey = 0x5354_5544_494F_0001;

    /// <summary>The hand-written steps from the pre-migration schemas 1-3 to 4; frozen, never edit.</summary>
    public static IReadOnlyList<SchemaUpgrade> Upgrades { get; } =
    [
        new(1, "deleted shots stay restorable (undo)", ["ALTER TABLE \"Shots\" ADD COLUMN \"DeletedAt\" INTEGER NULL"]),
        new(2, "render queue and takes",
        [
            "ALTER TABLE \"Shots\" ADD COLUMN \"SelectedTakeId\" INTEGER NULL",
            """
            CREATE TABLE "RenderJobs" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_RenderJobs" PRIMARY KEY AUTOINCREMENT,
                "ProjectId" INTEGER NOT NULL,
                "ShotId" INTEGER NOT NULL,
                "Scope" TEXT NOT NULL,
                "Priority" INTEGER NOT NULL,
                "Status" TEXT NOT NULL,
                "Attempts" INTEGER NOT NULL,
                "RequestedByUserId" TEXT NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                "QueuedAt" INTEGER NOT NULL,
                "StartedAt" INTEGER NULL,
                "FinishedAt" INTEGER NULL,
                "CancelRequested" INTEGER NOT NULL,
                "Step" INTEGER NOT NULL,
                "TotalSteps" INTEGER NOT NULL,
                "Phase" TEXT NULL,
                "Error" TEXT NULL,
                "SeedMode" TEXT NOT NULL,
                "InputsJson" TEXT NOT NULL,
                "ReproducesTakeId" INTEGER NULL,
                "TakeId" INTEGER NULL,
                CONSTRAINT "FK_RenderJobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_RenderJobs_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE "Takes" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Takes" PRIMARY KEY AUTOINCREMENT,
                "JobId" INTEGER NOT NULL,
                "ProjectId" INTEGER NOT NULL,
                "ShotId" INTEGER NOT NULL,
                "KeyframePath" TEXT NOT NULL,
                "KeyframeSha256" TEXT NOT NULL,
                "ClipPath" TEXT NOT NULL,
                "ClipSha256" TEXT NOT NULL,
                "ClipBytes" INTEGER NOT NULL,
                "Width" INTEGER NOT NULL,
                "Height" INTEGER NOT NULL,
                "FrameRate" INTEGER NOT NULL,
                "FrameCount" INTEGER NOT NULL,
                "PackId" TEXT NOT NULL,
                "PackHash" TEXT NOT NULL,
                "Seed" INTEGER NOT NULL,
                "Scheduler" TEXT NOT NULL,
                "Steps" INTEGER NOT NULL,
                "StepsRun" INTEGER NOT NULL,
                "Guidance" REAL NOT NULL,
                "Strength" REAL NOT NULL,
                "ExecutionProvider" TEXT NOT NULL,
                "AppVersion" TEXT NOT NULL,
                "ReferencesJson" TEXT NOT NULL,
                "InputsJson" TEXT NOT NULL,
                "KeyframeMilliseconds" REAL NOT NULL,
                "FramesMilliseconds" REAL NOT NULL,
                "EncodeMilliseconds" REAL NOT NULL,
                "TotalMilliseconds" REAL NOT NULL,
                "CreatedByUserId" TEXT NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                "ReproducesTakeId" INTEGER NULL,
                "ReproductionResult" TEXT NULL,
                CONSTRAINT "FK_Takes_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_Takes_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
            )
            """,
            "CREATE INDEX \"IX_RenderJobs_ProjectId_ShotId\" ON \"RenderJobs\" (\"ProjectId\", \"ShotId\")",
            "CREATE INDEX \"IX_RenderJobs_ShotId\" ON \"RenderJobs\" (\"ShotId\")",
            "CREATE INDEX \"IX_RenderJobs_Status_Priority_QueuedAt\" ON \"RenderJobs\" (\"Status\", \"Priority\", \"QueuedAt\")",
            "CREATE UNIQUE INDEX \"IX_Takes_JobId\" ON \"Takes\" (\"JobId\")",
            "CREATE INDEX \"IX_Takes_ProjectId\" ON \"Takes\" (\"ProjectId\")",
            "CREATE INDEX \"IX_Takes_ShotId_CreatedAt\" ON \"Takes\" (\"ShotId\", \"CreatedAt\")",
        ]),
        new(3, "timeline cuts, recorded dialogue audio, music and exports",
        [
            """
            CREATE TABLE "TimelineCuts" (
                "ShotId" INTEGER NOT NULL CONSTRAINT "PK_TimelineCuts" PRIMARY KEY,
                "IsDurationPinned" INTEGER NOT NULL,
                "Transition" TEXT NOT NULL,
                "TransitionSeconds" REAL NOT NULL,
                "TrimInSeconds" REAL NOT NULL,
                "TrimOutSeconds" REAL NULL,
                CONSTRAINT "FK_TimelineCuts_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE "ExportJobs" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_ExportJobs" PRIMARY KEY AUTOINCREMENT,
                "ProjectId" INTEGER NOT NULL,
                "RequestedById" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "Resolution" TEXT NOT NULL,
                "Aspect" TEXT NOT NULL,
                "Fit" TEXT NOT NULL,
                "Subtitles" TEXT NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                "FinishedAt" INTEGER NULL,
                "Progress" REAL NOT NULL,
                "DurationSeconds" REAL NOT NULL,
                "SizeBytes" INTEGER NOT NULL,
                "FilePath" TEXT NULL,
                "Error" TEXT NULL,
                CONSTRAINT "FK_ExportJobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE "DialogueAudio" (
                "DialogueLineId" INTEGER NOT NULL CONSTRAINT "PK_DialogueAudio" PRIMARY KEY,
                "Source" TEXT NOT NULL,
                "FilePath" TEXT NOT NULL,
                "Sha256" TEXT NOT NULL,
                "DurationSeconds" REAL NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                CONSTRAINT "FK_DialogueAudio_DialogueLines_DialogueLineId" FOREIGN KEY ("DialogueLineId") REFERENCES "DialogueLines" ("Id") ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE "TimelineMusic" (
                "ProjectId" INTEGER NOT NULL CONSTRAINT "PK_TimelineMusic" PRIMARY KEY,
                "FilePath" TEXT NOT NULL,
                "FileName" TEXT NOT NULL,
                "Sha256" TEXT NOT NULL,
                "DurationSeconds" REAL NOT NULL,
                "CreatedAt" INTEGER NOT NULL,
                CONSTRAINT "FK_TimelineMusic_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
            )
            """,
            "CREATE INDEX \"IX_ExportJobs_ProjectId_CreatedAt\" ON \"ExportJobs\" (\"ProjectId\", \"CreatedAt\")",
        ]),
    ];

    /// <summary>The id of the baseline migration, read from its attribute so that it cannot drift from the class.</summary>
    public static string BaselineMigrationId { get; } =
        typeof(Baseline).GetCustomAttribute<MigrationAttribute>()?.Id
        ?? throw new InvalidOperationException("The baseline migration has no [Migration] id.");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (context.Database.IsNpgsql())
        {
            await InitializePostgreSqlAsync(context, cancellationToken);
            return;
        }
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await HasTablesAsync(context, cancellationToken))
            {
                await context.Database.MigrateAsync(cancellationToken);
                await WriteUserVersionAsync(context, CurrentSchemaVersion, cancellationToken);
                logger.LogInformation("Created the studio database at {Path} (migrations up to {Migration})",
                    paths.DatabasePath, context.Database.GetMigrations().Last());
                return;
            }

            var version = await ReadUserVersionAsync(context, cancellationToken);
            if (version > CurrentSchemaVersion)
            {
                throw new SchemaVersionException(
                    $"The database {paths.DatabasePath} has schema version {version}, written by a newer ExplainerStudio " +
                    $"(this one knows up to {CurrentSchemaVersion}). Update the studio, or point Data:Directory elsewhere.");
            }

            var hasHistory = await HasMigrationsHistoryAsync(context, cancellationToken);
            if (hasHistory)
            {
                var known = context.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
                var unknown = (await context.Database.GetAppliedMigrationsAsync(cancellationToken))
                    .Where(id => !known.Contains(id))
                    .ToList();
                if (unknown.Count > 0)
                {
                    throw new SchemaVersionException(
                        $"The database {paths.DatabasePath} has schema version {version} with migrations this studio " +
                        $"does not know ({string.Join(", ", unknown)}), written by a newer ExplainerStudio (this one knows " +
                        $"up to {CurrentSchemaVersion} and {known.Max(StringComparer.Ordinal)}). Update the studio, or point " +
                        "Data:Directory elsewhere.");
                }

                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count == 0)
                {
                    return;
                }
                var backup = await BackUpAsync(context, $"before-{pending[0]}", cancellationToken);
                await context.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Applied migrations {Migrations} to the studio database (backup at {Backup})",
                    string.Join(", ", pending), backup);
                return;
            }

            var legacyBackup = await BackUpAsync(context, $"schema{version.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            await UpgradeAsync(context, version, legacyBackup, cancellationToken);
            await MarkBaselineAppliedAsync(context, cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("The studio database now follows migrations from {Baseline} (backup at {Backup})",
                BaselineMigrationId, legacyBackup);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL has no pre-migration schemas: an empty (or missing) database gets every migration, a studio database
    /// the pending ones, each migration in its own transaction (PostgreSQL rolls back DDL), so a failed upgrade leaves
    /// the database at the last migration that succeeded. Backups are the server's (pg_dump), not a file copy here.
    /// Several web nodes and workers may start at once on one database: a session advisory lock lets one of them
    /// check and migrate while the others wait, then find nothing left to do.
    /// </summary>
    private async Task InitializePostgreSqlAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        var server = new PostgreSqlServerName(context.Database.GetConnectionString()!);
        try
        {
            var creator = context.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                await CreateDatabaseAsync(creator, cancellationToken);
                logger.LogInformation("Created the PostgreSQL database {Server}", server);
            }
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await ExecuteAsync(context, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                await MigratePostgreSqlAsync(context, server, cancellationToken);
            }
            finally
            {
                await ExecuteAsync(context, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                await context.Database.CloseConnectionAsync();
            }
        }
        catch (Exception e) when (PostgreSqlProblems.Explain(e, server) is { } explained)
        {
            throw explained;
        }
    }

    private async Task MigratePostgreSqlAsync(StudioDbContext context, PostgreSqlServerName server, CancellationToken cancellationToken)
    {
        // IHistoryRepository.Exists answered true for a PostgreSQL database without the table, so ask the catalogue.
        var hasHistory = await CountPostgreSqlTablesAsync(context, HistoryRepository.DefaultTableName, cancellationToken) > 0;
        if (!hasHistory && await CountPostgreSqlTablesAsync(context, null, cancellationToken) > 0)
        {
            throw new SchemaVersionException(
                $"The PostgreSQL database {server} has tables but no studio migration history, so it is not a studio " +
                "database. Point Data:ConnectionString at an empty database, or at a new database name (the studio " +
                "creates it).");
        }
        var applied = hasHistory ? (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList() : [];
        var known = context.Database.GetMigrations().ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaVersionException(
                $"The PostgreSQL database {server} has migrations this studio does not know ({string.Join(", ", unknown)}), " +
                $"written by a newer ExplainerStudio (this one knows up to {known.Max(StringComparer.Ordinal)}). Update " +
                "the studio, or point Data:ConnectionString at another database.");
        }

        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        await context.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Applied migrations {Migrations} to the PostgreSQL database {Server}",
            string.Join(", ", pending), server);
    }

    private static async Task CreateDatabaseAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node created it a moment ago; the migration lock orders the rest.
        }
    }

    /// <summary>Base tables of the connection's schema: all of them, or the one named <paramref name="name"/>.</summary>
    private static async Task<long> CountPostgreSqlTablesAsync(StudioDbContext context, string? name, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'" +
            (name is null ? "" : " AND table_name = @name");
        if (name is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("name", name));
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(StudioDbContext context, string sql, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<string> BackUpAsync(StudioDbContext context, string label, CancellationToken cancellationToken)
    {
        var backup = Path.Combine(paths.DataDirectory, "backups", $"studio-{label}-{DateTime.UtcNow:yyyyMMddHHmmss}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        await using var command = context.Database.GetDbConnection().CreateCommand();
        // VACUUM INTO writes a consistent copy even with WAL pages not yet checkpointed.
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.Add(new SqliteParameter("$path", backup));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return backup;
    }

    private async Task UpgradeAsync(StudioDbContext context, int fromVersion, string backup, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// A schema-4 database already has every table of the baseline; recording the baseline in EF's history (with the
    /// provider's own history statements) lets every later migration run on it as on a new database.
    /// </summary>
    private static async Task MarkBaselineAppliedAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        var history = context.GetService<IHistoryRepository>();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await context.Database.ExecuteSqlRawAsync(
            history.GetInsertScript(new HistoryRow(BaselineMigrationId, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> HasMigrationsHistoryAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        var history = context.GetService<IHistoryRepository>();
        return await history.ExistsAsync(cancellationToken);
    }

    private static async Task<int> ReadUserVersionAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> HasTablesAsync(StudioDbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task WriteUserVersionAsync(StudioDbContext context, int version, CancellationToken cancellationToken)
    {
        // PRAGMA takes no parameters; the value is an integer the studio owns.
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA user_version = " + version.ToString(CultureInfo.InvariantCulture);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

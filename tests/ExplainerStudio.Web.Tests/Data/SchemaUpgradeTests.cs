using ExplainerStudio.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ExplainerStudio.Web.Tests.Data;

public sealed class SchemaUpgradeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "es-schema-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UpgradeFromSchema1_KeepsExistingDataAndBacksUp()
    {
        var dataDirectory = Path.Combine(_root, "upgraded");
        CreateSchema1Database(dataDirectory, withData: true);
        using var services = BuildServices(dataDirectory);

        await services.GetRequiredService<StudioDatabase>().InitializeAsync();

        Assert.Equal(StudioDatabase.CurrentSchemaVersion, UserVersion(dataDirectory));
        Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "backups"), "studio-schema1-*.db"));
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var project = await context.Projects.Include(p => p.Scenes).ThenInclude(s => s.Shots).SingleAsync();
        Assert.Equal("Kept project", project.Name);
        Assert.Equal(["Opening", "Closing"], project.Scenes.Single().Shots.OrderBy(s => s.Position).Select(s => s.Title));
        Assert.Equal("kept@example.com", (await context.Users.SingleAsync()).Email);

        var opening = project.Scenes.Single().Shots.Single(s => s.Title == "Opening");
        opening.DeletedAt = DateTimeOffset.UtcNow;
        await context.SaveChangesAsync();
        Assert.Equal(1, await context.Shots.CountAsync());
        Assert.Equal(2, await context.Shots.IgnoreQueryFilters().CountAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task UpgradedSchema_EqualsFreshlyCreatedSchema(int fromVersion)
    {
        var upgraded = Path.Combine(_root, "upgraded");
        var fresh = Path.Combine(_root, "fresh");
        CreateDatabaseFromFixture(upgraded, fromVersion);
        using (var services = BuildServices(upgraded))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync();
        }
        using (var services = BuildServices(fresh))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync();
        }

        Assert.Equal(Columns(fresh), Columns(upgraded));
        Assert.Equal(Indexes(fresh), Indexes(upgraded));
        Assert.Equal(UserVersion(fresh), UserVersion(upgraded));
        Assert.Equal(AppliedMigrations(fresh), AppliedMigrations(upgraded));
    }

    [Fact]
    public async Task BaselineMigration_CreatesExactlySchema4()
    {
        var baseline = Path.Combine(_root, "baseline");
        var schema4 = Path.Combine(_root, "schema4");
        CreateDatabaseFromFixture(schema4, 4);
        Directory.CreateDirectory(baseline);
        using (var services = BuildServices(baseline))
        {
            await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
            await context.GetService<IMigrator>().MigrateAsync(StudioDatabase.BaselineMigrationId);
        }
        SqliteConnection.ClearAllPools();

        Assert.Equal(Columns(schema4), Columns(baseline).Where(c => !c.StartsWith("__EF", StringComparison.Ordinal)));
        Assert.Equal(Indexes(schema4), Indexes(baseline));
        Assert.Equal([StudioDatabase.BaselineMigrationId], AppliedMigrations(baseline));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task EveryEarlierSchema_UpgradesWithItsDataAfterABackup(int fromVersion)
    {
        var dataDirectory = Path.Combine(_root, "upgraded");
        CreateDatabaseFromFixture(dataDirectory, fromVersion);
        Execute(dataDirectory, """
            INSERT INTO AspNetUsers (Id, DisplayName, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('u1', 'Kept', 'kept@example.com', 'KEPT@EXAMPLE.COM', 'kept@example.com', 'KEPT@EXAMPLE.COM', 0, 0, 0, 1, 0);
            INSERT INTO Projects (Id, Name, Description, FrameRate, Width, Height, CreatedAt, UpdatedAt, Version) VALUES (7, 'Kept project', 'kept', 24, 1280, 720, 0, 0, 0);
            INSERT INTO ProjectMembers (ProjectId, UserId, Role, AddedAt) VALUES (7, 'u1', 'Owner', 0);
            INSERT INTO Scenes (Id, ProjectId, Position, Title, Version) VALUES (3, 7, 0, 'Only scene', 0);
            INSERT INTO Characters (Id, ProjectId, Name, Description, Voice, Pitch, Rate, Version) VALUES (5, 7, 'Ada', '', 'en', 50, 175, 0);
            """);
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(Path.Combine(dataDirectory, "studio.db"));
        using var services = BuildServices(dataDirectory);

        await services.GetRequiredService<StudioDatabase>().InitializeAsync();

        var backup = Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "backups"), $"studio-schema{fromVersion}-*.db"));
        Assert.NotEmpty(before);
        Assert.Equal(fromVersion, UserVersion(Path.GetDirectoryName(backup)!, Path.GetFileName(backup)));
        Assert.Equal(StudioDatabase.CurrentSchemaVersion, UserVersion(dataDirectory));
        Assert.Contains(StudioDatabase.BaselineMigrationId, AppliedMigrations(dataDirectory));
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var project = await context.Projects.Include(p => p.Scenes).Include(p => p.Characters).Include(p => p.Members).SingleAsync();
        Assert.Equal(("Kept project", "kept"), (project.Name, project.Description));
        Assert.Equal("Only scene", project.Scenes.Single().Title);
        Assert.Equal("Ada", project.Characters.Single().Name);
        Assert.Equal("u1", project.Members.Single().UserId);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigratedDatabase_StartsAgainWithoutABackupOrChange()
    {
        var dataDirectory = Path.Combine(_root, "again");
        using (var services = BuildServices(dataDirectory))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync();
        }
        var migrations = AppliedMigrations(dataDirectory);

        using (var services = BuildServices(dataDirectory))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync();
        }

        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "backups")));
        Assert.Equal(migrations, AppliedMigrations(dataDirectory));
    }

    [Fact]
    public async Task DatabaseWithAMigrationThisStudioDoesNotKnow_IsRefusedAndLeftAlone()
    {
        var dataDirectory = Path.Combine(_root, "newer-migration");
        using (var services = BuildServices(dataDirectory))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync();
        }
        Execute(dataDirectory, """
            INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_FromTheFuture', '99.0.0');
            CREATE TABLE "FromTheFuture" ("Id" INTEGER NOT NULL PRIMARY KEY);
            """);
        SqliteConnection.ClearAllPools();
        var columns = Columns(dataDirectory);
        using var again = BuildServices(dataDirectory);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => again.GetRequiredService<StudioDatabase>().InitializeAsync());

        Assert.Contains("29991231000000_FromTheFuture", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer ExplainerStudio", error.Message, StringComparison.Ordinal);
        Assert.Equal(columns, Columns(dataDirectory));
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "backups")));
    }

    [Fact]
    public void Migrations_HoldNoProviderSpecificSql()
    {
        using var services = BuildServices(Path.Combine(_root, "unused"));
        using var context = services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContext();
        var assembly = context.GetService<IMigrationsAssembly>();

        Assert.NotEmpty(assembly.Migrations);
        foreach (var migration in assembly.Migrations.Values)
        {
            var instance = assembly.CreateMigration(migration, context.Database.ProviderName!);
            Assert.DoesNotContain(instance.UpOperations, o => o is SqlOperation);
            Assert.DoesNotContain(instance.DownOperations, o => o is SqlOperation);
        }
    }

    [Fact]
    public async Task UpgradeFromSchema2_KeepsShotsAndAddsAnEmptyRenderQueue()
    {
        var dataDirectory = Path.Combine(_root, "upgraded");
        CreateDatabaseFromFixture(dataDirectory, 2);
        Execute(dataDirectory, """
            INSERT INTO Projects (Id, Name, Description, FrameRate, Width, Height, CreatedAt, UpdatedAt, Version) VALUES (1, 'Kept project', '', 24, 1280, 720, 0, 0, 0);
            INSERT INTO Scenes (Id, ProjectId, Position, Title, Version) VALUES (1, 1, 0, 'Only scene', 0);
            INSERT INTO Shots (SceneId, Position, Title, Description, Prompt, NegativePrompt, CameraMove, DurationSeconds, Seed, ModelPack, Scheduler, Steps, Guidance, ReferenceStrength, Status, Version, UpdatedAt)
                VALUES (1, 0, 'Opening', '', '', '', 'Static', 4, 1, 'previz', 'euler', 20, 7.5, 0.6, 'Draft', 0, 0);
            """);
        SqliteConnection.ClearAllPools();
        using var services = BuildServices(dataDirectory);

        await services.GetRequiredService<StudioDatabase>().InitializeAsync();

        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var shot = await context.Shots.SingleAsync();
        Assert.Equal("Opening", shot.Title);
        Assert.Null(shot.SelectedTakeId);
        Assert.Empty(await context.RenderJobs.ToListAsync());
        Assert.Empty(await context.Takes.ToListAsync());
    }

    [Fact]
    public async Task DatabaseFromNewerStudio_IsRefusedAndLeftAlone()
    {
        var dataDirectory = Path.Combine(_root, "newer");
        CreateSchema1Database(dataDirectory, withData: true);
        Execute(dataDirectory, "PRAGMA user_version = 99");
        using var services = BuildServices(dataDirectory);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => services.GetRequiredService<StudioDatabase>().InitializeAsync());

        Assert.Contains("newer ExplainerStudio", error.Message, StringComparison.Ordinal);
        Assert.Equal(99, UserVersion(dataDirectory));
        Assert.DoesNotContain(Columns(dataDirectory), c => c.StartsWith("Shots.DeletedAt", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "backups")));
    }

    private static void CreateDatabaseFromFixture(string dataDirectory, int version)
    {
        Directory.CreateDirectory(dataDirectory);
        var fixture = Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", $"schema-v{version}.sql");
        Execute(dataDirectory, File.ReadAllText(fixture));
        SqliteConnection.ClearAllPools();
    }

    private static void CreateSchema1Database(string dataDirectory, bool withData)
    {
        CreateDatabaseFromFixture(dataDirectory, 1);
        if (withData)
        {
            Execute(dataDirectory, """
                INSERT INTO AspNetUsers (Id, DisplayName, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                    VALUES ('u1', 'Kept', 'kept@example.com', 'KEPT@EXAMPLE.COM', 'kept@example.com', 'KEPT@EXAMPLE.COM', 0, 0, 0, 1, 0);
                INSERT INTO Projects (Id, Name, Description, FrameRate, Width, Height, CreatedAt, UpdatedAt, Version) VALUES (1, 'Kept project', '', 24, 1280, 720, 0, 0, 0);
                INSERT INTO ProjectMembers (ProjectId, UserId, Role, AddedAt) VALUES (1, 'u1', 'Owner', 0);
                INSERT INTO Scenes (Id, ProjectId, Position, Title, Version) VALUES (1, 1, 0, 'Only scene', 0);
                INSERT INTO Shots (SceneId, Position, Title, Description, Prompt, NegativePrompt, CameraMove, DurationSeconds, Seed, ModelPack, Scheduler, Steps, Guidance, ReferenceStrength, Status, Version, UpdatedAt)
                    VALUES (1, 0, 'Opening', '', '', '', 'Static', 4, 1, 'previz', 'euler', 20, 7.5, 0.6, 'Draft', 0, 0),
                           (1, 1, 'Closing', '', '', '', 'ZoomIn', 3, 2, 'previz', 'euler', 20, 7.5, 0.6, 'Draft', 0, 0);
                """);
        }
        SqliteConnection.ClearAllPools();
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = dataDirectory })
            .Build());
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        services.AddStudioData();
        return services.BuildServiceProvider();
    }

    private static void Execute(string dataDirectory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "studio.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> AppliedMigrations(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "studio.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static long UserVersion(string dataDirectory, string file = "studio.db")
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, file)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every table's columns as "table.column type notnull", sorted.</summary>
    private static List<string> Columns(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "studio.db")};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var columns = new List<string>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, type, \"notnull\" FROM pragma_table_info('{table}')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add($"{table}.{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)}");
            }
        }
        columns.Sort(StringComparer.Ordinal);
        return columns;
    }

    /// <summary>Every index's definition, normalised for whitespace and sorted.</summary>
    private static List<string> Indexes(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "studio.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var indexes = new List<string>();
        while (reader.Read())
        {
            indexes.Add(string.Join(' ', reader.GetString(0).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
        indexes.Sort(StringComparer.Ordinal);
        return indexes;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "ExplainerStudio.Web";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

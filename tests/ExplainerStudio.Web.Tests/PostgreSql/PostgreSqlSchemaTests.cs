using ExplainerStudio.Testing;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExplainerStudio.Web.Tests.PostgreSql;

/// <summary>The studio's one migration set on a real PostgreSQL server: created from empty, upgraded, refused with reasons.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgresServerFixture postgres)
{
    private PostgresServer Server => postgres.Server;

    [Fact]
    public async Task EmptyDatabase_GetsEveryMigration_TheSameListAsSqlite()
    {
        var connectionString = await Server.CreateDatabaseAsync();

        await using var studio = new StudioFactory(PostgresServer.StudioSettings(connectionString));
        _ = studio.Server;
        await using var sqlite = new StudioFactory();
        _ = sqlite.Server;

        var onPostgres = await AppliedMigrationsAsync(studio.Services);
        Assert.Equal(await AppliedMigrationsAsync(sqlite.Services), onPostgres);
        Assert.Equal(studio.Get<IDbContextFactory<StudioDbContext>>().CreateDbContext().Database.GetMigrations(), onPostgres);
    }

    [Fact]
    public async Task MissingDatabase_IsCreatedOnStart()
    {
        var name = PostgresServer.NewDatabaseName();

        await using (var studio = new StudioFactory(PostgresServer.StudioSettings(Server.ConnectionStringFor(name))))
        {
            _ = studio.Server;
            await studio.CreateUserAsync();
        }

        await using var connection = new NpgsqlConnection(Server.AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task DatabaseAtTheBaseline_IsUpgradedOnStart_KeepingItsRows()
    {
        var connectionString = await Server.CreateDatabaseAsync();
        using (var host = BuildHost(PostgresServer.StudioSettings(connectionString)))
        {
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
            await context.GetService<IMigrator>().MigrateAsync(StudioDatabase.BaselineMigrationId);
            await context.Database.ExecuteSqlRawAsync(
                """INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "DisplayName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") VALUES ('early-user', 'early@example.test', 'EARLY@EXAMPLE.TEST', 'Early', FALSE, FALSE, FALSE, TRUE, 0)""");
        }
        NpgsqlConnection.ClearAllPools();

        await using var studio = new StudioFactory(PostgresServer.StudioSettings(connectionString));
        _ = studio.Server;

        await using var db = await studio.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("Early", (await db.Users.SingleAsync(u => u.Id == "early-user")).DisplayName);
    }

    [Fact]
    public async Task EveryColumn_HasTheStoreTypeThePostgreSqlModelExpects_AndKeysAreIdentities()
    {
        var connectionString = await Server.CreateDatabaseAsync();
        await using var studio = new StudioFactory(PostgresServer.StudioSettings(connectionString));
        _ = studio.Server;
        await using var db = await studio.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var columns = await ColumnsAsync(connectionString);
        var problems = new List<string>();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(table)!;
                if (!columns.TryGetValue((table.Name, column), out var actual))
                {
                    problems.Add($"{table.Name}.{column} is missing");
                    continue;
                }
                var expected = property.GetColumnType(table);
                if (!string.Equals(expected, actual.Type, StringComparison.Ordinal))
                {
                    problems.Add($"{table.Name}.{column} is {actual.Type}, the model maps it to {expected}");
                }
                var generated = property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && property.ClrType == typeof(int);
                if (generated != actual.Identity)
                {
                    problems.Add($"{table.Name}.{column} identity is {actual.Identity}, the model expects {generated}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(columns.Count > 100);
    }

    [Fact]
    public async Task TwoStudiosStartingAtOnce_OnOneEmptyDatabase_BothComeUp()
    {
        var connectionString = Server.ConnectionStringFor(PostgresServer.NewDatabaseName());
        await using var first = new StudioFactory(PostgresServer.StudioSettings(connectionString));
        await using var second = new StudioFactory(PostgresServer.StudioSettings(connectionString));

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        Assert.Empty(await first.Get<IDbContextFactory<StudioDbContext>>().CreateDbContext().Database.GetPendingMigrationsAsync());
        await second.CreateUserAsync();
    }

    [Fact]
    public async Task DatabaseWithOtherTables_IsRefused_AndLeftAsItWas()
    {
        var connectionString = await Server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE invoices (id integer)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var studio = new StudioFactory(PostgresServer.StudioSettings(connectionString));
        var error = Assert.Throws<SchemaVersionException>(() => studio.Server);

        Assert.Contains("has tables but no studio migration history", error.Message, StringComparison.Ordinal);
        Assert.Contains("Data:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Equal([("invoices", "id")], (await ColumnsAsync(connectionString)).Keys);
    }

    [Fact]
    public void PostgreSqlWithoutConnectionString_IsRefusedOnStart_SayingWhatToSet()
    {
        var error = StartFailure(new Dictionary<string, string?> { ["Data:Provider"] = "PostgreSql" });

        Assert.Contains("Data:Provider is PostgreSql but Data:ConnectionString is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hots=localhost;Database=studio", "not a valid PostgreSQL connection string")]
    [InlineData("Database=studio", "names no Host")]
    [InlineData("Host=localhost", "names no Database")]
    public void MalformedConnectionString_IsRefusedOnStart(string connectionString, string expected)
    {
        var error = StartFailure(PostgresServer.StudioSettings(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Data:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringWithSqlite_IsRefused_RatherThanIgnored()
    {
        var error = StartFailure(new Dictionary<string, string?> { ["Data:ConnectionString"] = Server.AdminConnectionString });

        Assert.Contains("Data:Provider is Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableServer_IsReported_WithTheAddressAndWhatToCheck()
    {
        var port = ClosedPort();
        var settings = PostgresServer.StudioSettings($"Host=127.0.0.1;Port={port};Database=studio;Username=studio;Timeout=5");

        var error = StartFailure(settings);

        Assert.IsType<DatabaseUnavailableException>(error);
        Assert.Contains($"Could not reach the PostgreSQL server 127.0.0.1:{port} named by Data:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("correct Host and Port", error.Message, StringComparison.Ordinal);
    }

    private static Exception StartFailure(IReadOnlyDictionary<string, string?> settings)
    {
        using var studio = new StudioFactory(settings);
        var thrown = Assert.ThrowsAny<Exception>(() => studio.Server);
        for (var error = thrown; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException or DatabaseUnavailableException or SchemaVersionException)
            {
                return error;
            }
        }
        throw new Xunit.Sdk.XunitException("The studio failed to start with no message for the user: " + thrown);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<List<string>> AppliedMigrationsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    private static async Task<Dictionary<(string Table, string Column), (string Type, bool Identity)>> ColumnsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity <> ''
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '__EFMigrationsHistory'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<(string, string), (string, bool)>();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.GetBoolean(3));
        }
        return columns;
    }

    private static IHost BuildHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = StudioFactory.RepositoryRoot,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Data:Directory"] = Directory.CreateTempSubdirectory("studio-pg-host-").FullName;
        builder.Services.AddStudioData();
        return builder.Build();
    }
}

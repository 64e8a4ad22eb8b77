using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExplainerStudio.Web.Tests;

/// <summary>
/// Every table of a studio database, as a row count and a hash of every value, so that a test can show that a refused
/// action changed nothing at all (not even a version number or an autoincrement counter).
/// </summary>
internal sealed class DatabaseSnapshot
{
    /// <summary>
    /// Tables that running processes rewrite on a timer and that hold no project data (each render worker's heartbeat
    /// row): a refusal is judged on everything else.
    /// </summary>
    private static readonly HashSet<string> Liveness = new(StringComparer.Ordinal) { "Workers" };

    private DatabaseSnapshot(IReadOnlyDictionary<string, (long Rows, string Hash)> tables)
    {
        Tables = tables;
    }

    public IReadOnlyDictionary<string, (long Rows, string Hash)> Tables { get; }

    /// <summary>
    /// The studio's database once the background writers that follow a commit (the notification relay) have caught
    /// up, so a snapshot never catches a write still in flight from an earlier, allowed step.
    /// </summary>
    public static async Task<DatabaseSnapshot> TakeAsync(StudioFactory factory)
    {
        await factory.Get<NotificationRelay>().WhenIdleAsync();
        var data = factory.Get<IOptions<StudioDataOptions>>().Value;
        return data.Provider == StudioDatabaseProvider.PostgreSql
            ? await TakePostgreSqlAsync(data.ConnectionString!)
            : await TakeAsync(factory.DatabasePath);
    }

    /// <summary>
    /// The same on PostgreSQL: rows in the order of all their values (no rowid; an update moves a row's ctid). Identity
    /// sequences are left out: PostgreSQL consumes a value even in a transaction that rolls back, by design.
    /// </summary>
    public static async Task<DatabaseSnapshot> TakePostgreSqlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!Liveness.Contains(reader.GetString(0)))
                {
                    names.Add(reader.GetString(0));
                }
            }
        }

        var tables = new SortedDictionary<string, (long Rows, string Hash)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\"";
            int columns;
            await using (var schema = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SchemaOnly))
            {
                columns = schema.FieldCount;
            }
            select.CommandText += " ORDER BY " + string.Join(", ", Enumerable.Range(1, columns));
            await using var reader = await select.ExecuteReaderAsync();
            tables[name] = await HashRowsAsync(reader);
        }
        return new DatabaseSnapshot(tables);
    }

    public static async Task<DatabaseSnapshot> TakeAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!Liveness.Contains(reader.GetString(0)))
                {
                    names.Add(reader.GetString(0));
                }
            }
        }

        var tables = new SortedDictionary<string, (long Rows, string Hash)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            tables[name] = await HashRowsAsync(reader);
        }
        return new DatabaseSnapshot(tables);
    }

    private static async Task<(long Rows, string Hash)> HashRowsAsync(System.Data.Common.DbDataReader reader)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                var bytes = value switch
                {
                    DBNull => [0],
                    byte[] blob => blob,
                    _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
                };
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }
        }
        return (rows, Convert.ToHexString(hash.GetHashAndReset()));
    }

    public long Rows(string table) => Tables[table].Rows;

    /// <summary>Fails with the names of the tables whose rows differ.</summary>
    public void AssertSameAs(DatabaseSnapshot later)
    {
        var changed = Tables.Keys.Union(later.Tables.Keys)
            .Where(name => !Tables.TryGetValue(name, out var before) || !later.Tables.TryGetValue(name, out var after) || before != after)
            .Select(name => $"{name} ({(Tables.TryGetValue(name, out var b) ? b.Rows : 0)} → {(later.Tables.TryGetValue(name, out var a) ? a.Rows : 0)} rows)")
            .ToList();
        Assert.True(changed.Count == 0, "The database changed: " + string.Join(", ", changed));
    }
}

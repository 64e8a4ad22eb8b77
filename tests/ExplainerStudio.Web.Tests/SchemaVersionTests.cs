using System.Globalization;
using System.Security.Cryptography;
using ExplainerStudio.Web.Data;
using Microsoft.Data.Sqlite;

namespace ExplainerStudio.Web.Tests;

public sealed class SchemaVersionTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("studio-web-schema-").FullName;

    private string DatabasePath => Path.Combine(_dataDirectory, "studio.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task DatabaseFromANewerStudio_IsRefusedWithAClearMessage_AndLeftUntouched()
    {
        await using (var first = new StudioFactory(dataDirectory: _dataDirectory))
        {
            _ = first.Server;
        }
        var newer = StudioDatabase.CurrentSchemaVersion + 1;
        await ExecuteAsync($"PRAGMA user_version = {newer.ToString(CultureInfo.InvariantCulture)}");
        var before = FolderContents();

        await using (var second = new StudioFactory(dataDirectory: _dataDirectory))
        {
            var error = Assert.Throws<SchemaVersionException>(() => second.Server);

            Assert.Contains($"has schema version {newer}, written by a newer ExplainerStudio", error.Message, StringComparison.Ordinal);
            Assert.Contains($"knows up to {StudioDatabase.CurrentSchemaVersion}", error.Message, StringComparison.Ordinal);
            Assert.Contains("Update the studio", error.Message, StringComparison.Ordinal);
            Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();

        Assert.Equal(before, FolderContents());
    }

    [Fact]
    public async Task RestartingOnTheSameDatabase_KeepsItsData()
    {
        int projectId;
        string ownerId;
        await using (var first = new StudioFactory(dataDirectory: _dataDirectory))
        {
            var owner = await first.CreateUserAsync();
            ownerId = owner.Id;
            projectId = await first.Get<Storyboards.StoryboardService>().CreateProjectAsync(owner.Id, "Survives a restart", "");
        }

        await using var second = new StudioFactory(dataDirectory: _dataDirectory);

        var board = await second.Get<Storyboards.StoryboardService>().GetStoryboardAsync(projectId, ownerId);
        Assert.Equal("Survives a restart", board.Name);
        Assert.Equal(StudioDatabase.CurrentSchemaVersion, Convert.ToInt32(await ExecuteAsync("PRAGMA user_version"), CultureInfo.InvariantCulture));
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every file in the data folder with the hash of its bytes.</summary>
    private SortedDictionary<string, string> FolderContents() => new(
        Directory.GetFiles(_dataDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(_dataDirectory, path), path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))),
        StringComparer.Ordinal);
}

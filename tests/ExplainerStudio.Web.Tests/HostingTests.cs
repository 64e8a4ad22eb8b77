using System.Globalization;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public sealed class HostingTests(StudioFixture studio)
{
    [Fact]
    public void ContentRoot_IsTheRepositoryRoot()
    {
        var environment = studio.Factory.Get<IHostEnvironment>();

        Assert.Equal(StudioFactory.RepositoryRoot, environment.ContentRootPath);
        Assert.True(File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json")));
        Assert.True(Directory.Exists(Path.Combine(environment.ContentRootPath, "wwwroot")));
    }

    [Fact]
    public void Database_LivesInTheConfiguredDataDirectory()
    {
        var paths = studio.Factory.Get<StudioPaths>();

        Assert.Equal(studio.Factory.DatabasePath, paths.DatabasePath);
        Assert.True(File.Exists(paths.DatabasePath));
    }

    [Fact]
    public async Task FreshDatabase_HasTheCurrentSchemaVersion()
    {
        await using var connection = new SqliteConnection($"Data Source={studio.Factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";

        var version = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        Assert.Equal(StudioDatabase.CurrentSchemaVersion, version);
    }
}

using System.Globalization;
using Npgsql;

namespace ExplainerStudio.Web.Data;

/// <summary>Where a connection string points, for messages and logs: host, port, database and user, never the password.</summary>
internal sealed class PostgreSqlServerName
{
    public PostgreSqlServerName(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Host = builder.Host ?? "";
        Port = builder.Port;
        Database = builder.Database ?? "";
        Username = builder.Username ?? Environment.UserName;
    }

    public string Host { get; }
    public int Port { get; }
    public string Database { get; }
    public string Username { get; }

    public string Address => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    public override string ToString() => $"'{Database}' on {Address} (user '{Username}')";
}

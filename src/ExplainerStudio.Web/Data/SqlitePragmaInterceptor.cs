using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Sets the per-connection pragmas every studio connection needs: WAL lets the render worker write while pages
/// read, the busy timeout turns brief writer contention into a wait instead of an error, synchronous=FULL makes a
/// committed edit survive a power cut, and foreign keys are off by default in SQLite.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

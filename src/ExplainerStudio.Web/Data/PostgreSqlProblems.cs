using System.Net.Sockets;
using Npgsql;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Turns the errors a PostgreSQL server gives a studio that cannot use it into messages that say which part of
/// Data:ConnectionString or of the server to check.
/// </summary>
internal static class PostgreSqlProblems
{
    public static DatabaseUnavailableException? Explain(Exception error, PostgreSqlServerName server)
    {
        if (error is DatabaseUnavailableException or SchemaVersionException or OperationCanceledException)
        {
            return null;
        }
        // EF Core's execution strategy wraps connection failures ("likely due to a transient failure").
        var chain = Chain(error).ToList();
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } postgres)
        {
            return postgres.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new(
                    $"PostgreSQL at {server.Address} refused user '{server.Username}': {postgres.MessageText}. Check Username " +
                    "and Password in Data:ConnectionString, and that the server's pg_hba.conf lets this machine sign in.", error),
                PostgresErrorCodes.InsufficientPrivilege => new(
                    $"User '{server.Username}' may not set up the database {server}: {postgres.MessageText}. Create the " +
                    $"database for it (CREATE DATABASE \"{server.Database}\" OWNER \"{server.Username}\") or give it the " +
                    "CREATEDB right, then start the studio again.", error),
                PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow => new(
                    $"PostgreSQL at {server.Address} accepts no connection now: {postgres.MessageText}. Wait for it to " +
                    "finish starting, or raise its max_connections (every web node and worker keeps a pool).", error),
                _ => null,
            };
        }
        if (chain.Any(e => e is NpgsqlException or SocketException or TimeoutException))
        {
            return new(
                $"Could not reach the PostgreSQL server {server.Address} named by Data:ConnectionString ({Innermost(error).Message}). " +
                "Check that the server runs and listens on that address (listen_addresses, firewall), or correct Host and " +
                "Port in Data:ConnectionString.", error);
        }
        return null;
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }
        return error;
    }
}

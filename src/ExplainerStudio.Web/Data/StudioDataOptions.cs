using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace ExplainerStudio.Web.Data;

public sealed class StudioDataOptions : IValidatableObject
{
    public const string SectionName = "Data";

    /// <summary>
    /// Sqlite (the default: <see cref="DatabaseFile"/> in <see cref="Directory"/>) or PostgreSql (the server named by
    /// <see cref="ConnectionString"/>, shared by several web nodes and workers). Files stay in <see cref="Directory"/>
    /// either way.
    /// </summary>
    public StudioDatabaseProvider Provider { get; set; } = StudioDatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Host, Port, Database, Username, Password); only read with PostgreSql.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the studio writes everything; relative paths are resolved against the content root.</summary>
    [Required]
    public string Directory { get; set; } = "data";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.-]+\.db$", ErrorMessage = "Data:DatabaseFile must be a plain file name ending in .db.")]
    public string DatabaseFile { get; set; } = "studio.db";

    /// <summary>How old a file no row owns must be before the sweep removes it (an upload in progress has no row yet).</summary>
    [Range(1, 24 * 365)]
    public int OrphanGraceHours { get; set; } = 24;

    [Range(1, 24 * 365)]
    public int SweepIntervalHours { get; set; } = 24;

    /// <summary>Run the sweep of data/ at start-up and every SweepIntervalHours (tests that plant files turn it off).</summary>
    public bool SweepOrphanFiles { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult(
                $"Data:Provider '{Provider}' is unknown. Use Sqlite (the default) or PostgreSql.", [nameof(Provider)]);
            yield break;
        }
        if (Provider == StudioDatabaseProvider.Sqlite)
        {
            if (!string.IsNullOrWhiteSpace(ConnectionString))
            {
                yield return new ValidationResult(
                    "Data:ConnectionString is set but Data:Provider is Sqlite, which keeps its database in " +
                    "Data:Directory/Data:DatabaseFile. Set Data:Provider to PostgreSql to use the server, or remove " +
                    "Data:ConnectionString.", [nameof(ConnectionString)]);
            }
            yield break;
        }
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Data:Provider is PostgreSql but Data:ConnectionString is empty. Set it to the server's connection " +
                "string, e.g. Data__ConnectionString=\"Host=db.example;Port=5432;Database=studio;Username=studio;Password=...\" " +
                "(the studio creates the database and its tables on first start).", [nameof(ConnectionString)]);
            yield break;
        }
        var problem = ConnectionStringProblem(ConnectionString);
        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }

    private static string? ConnectionStringProblem(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"Data:ConnectionString is not a valid PostgreSQL connection string ({e.Message}). Write it as " +
                "Host=...;Port=5432;Database=...;Username=...;Password=...";
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return "Data:ConnectionString names no Host. Add Host=<server name or address> (and Port if it is not 5432).";
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            return "Data:ConnectionString names no Database. Add Database=<name>; the studio creates it if the user may.";
        }
        return null;
    }
}

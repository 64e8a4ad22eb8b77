using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;
#pragma warning disable EF1001 // The base class takes Npgsql's options by an internal interface; there is no public seam.
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
#pragma warning restore EF1001

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Runs the studio's one migration set (scaffolded by the SQLite provider, see the design-time factory) on PostgreSQL.
/// SQLite writes its four storage classes as column types (INTEGER for int, long and bool; TEXT; BLOB; REAL) and marks
/// generated keys with Sqlite:Autoincrement. Before Npgsql writes the SQL, each such column gets the type PostgreSQL's
/// own mapping gives its CLR type, size and unicode flag (what the runtime model expects: boolean, bigint, character
/// varying(80), bytea, double precision...), and an autoincrement key becomes an identity column. Column types that
/// are not SQLite storage classes pass through unchanged. The NOCASE collation SQLite has built in is created as a
/// case-insensitive ICU collation of the same name, so <c>UseCollation("NOCASE")</c> and
/// <c>EF.Functions.Collate(x, "NOCASE")</c> mean the same on both engines.
/// </summary>
internal sealed class PostgreSqlMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
#pragma warning disable EF1001
    INpgsqlSingletonOptions npgsqlOptions)
#pragma warning restore EF1001
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
{
    public const string CaseInsensitiveCollation = "NOCASE";

    private const string SqliteAutoincrement = "Sqlite:Autoincrement";

    // What the Npgsql model annotation is named in every migration Npgsql scaffolds (its constant is internal).
    private const string NpgsqlValueGeneration = "Npgsql:ValueGenerationStrategy";

    private static readonly HashSet<string> SqliteStorageClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        "INTEGER", "TEXT", "BLOB", "REAL", "NUMERIC",
    };

    public override IReadOnlyList<MigrationCommand> Generate(
        IReadOnlyList<MigrationOperation> operations, IModel? model = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        var translated = new List<MigrationOperation>(operations.Count + 1);
        var needsCollation = false;
        foreach (var operation in operations)
        {
            foreach (var column in ColumnsOf(operation))
            {
                // The operations belong to a migration instance that caches them; translating twice changes nothing
                // because a translated column no longer carries a SQLite type or annotation.
                Translate(column);
                needsCollation |= string.Equals(column.Collation, CaseInsensitiveCollation, StringComparison.Ordinal);
            }
            translated.Add(operation);
        }
        if (needsCollation)
        {
            // ICU level 2 compares letters ignoring case (not accents), like SQLite's NOCASE does for ASCII. A
            // nondeterministic collation can back a unique index and equality; PostgreSQL refuses LIKE on it.
            translated.Insert(0, new SqlOperation
            {
                Sql = $"CREATE COLLATION IF NOT EXISTS \"{CaseInsensitiveCollation}\" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
            });
        }
        return base.Generate(translated, model, options);
    }

    private static IEnumerable<ColumnOperation> ColumnsOf(MigrationOperation operation) => operation switch
    {
        CreateTableOperation table => table.Columns,
        AlterColumnOperation alter => [alter, alter.OldColumn],
        ColumnOperation column => [column],
        _ => [],
    };

    private void Translate(ColumnOperation column)
    {
        if (column.ColumnType is { } type && SqliteStorageClasses.Contains(type))
        {
            var mapping = Dependencies.TypeMappingSource.FindMapping(
                column.ClrType, storeTypeName: null, keyOrIndex: false, unicode: column.IsUnicode, size: column.MaxLength,
                rowVersion: column.IsRowVersion, fixedLength: column.IsFixedLength, precision: column.Precision, scale: column.Scale)
                ?? throw new InvalidOperationException(
                    $"Column {column.Table}.{column.Name} ({column.ClrType.Name}, SQLite type {type}) has no PostgreSQL type mapping. " +
                    "Give its property a type both providers map, or a value converter.");
            column.ColumnType = mapping.StoreType;
        }
        if (column.FindAnnotation(SqliteAutoincrement) is { Value: true })
        {
            column.RemoveAnnotation(SqliteAutoincrement);
            column.AddAnnotation(NpgsqlValueGeneration, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
        }
    }
}

namespace ExplainerStudio.Web.Data;

/// <summary>The database engine behind the studio (<c>Data:Provider</c>).</summary>
public enum StudioDatabaseProvider
{
    /// <summary>One file in the data folder: one studio machine, no server to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several web nodes and render workers.</summary>
    PostgreSql,
}

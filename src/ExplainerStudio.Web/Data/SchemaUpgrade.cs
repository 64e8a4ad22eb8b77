namespace ExplainerStudio.Web.Data;

/// <summary>One step from <see cref="FromVersion"/> to the next schema version, as plain SQLite statements.</summary>
public sealed record SchemaUpgrade(int FromVersion, string Description, IReadOnlyList<string> Statements);

namespace ExplainerStudio.Web.Data;

public sealed class SchemaVersionException(string message) : Exception(message);

namespace ExplainerStudio.Web.Data;

/// <summary>The configured database server cannot be used; the message says which setting or server part to check.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

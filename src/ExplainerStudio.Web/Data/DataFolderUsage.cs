namespace ExplainerStudio.Web.Data;

public sealed record DataFolderUsage(string Folder, int Files, long Bytes);

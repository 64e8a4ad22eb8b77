namespace ExplainerStudio.Web.Data;

/// <summary>What data/ holds, per top-level folder; the folder named "" is the files directly in data/ (the database).</summary>
public sealed record DataUsage(string DataDirectory, IReadOnlyList<DataFolderUsage> Folders, long TotalBytes);

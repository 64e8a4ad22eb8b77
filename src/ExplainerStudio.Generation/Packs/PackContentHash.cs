using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// A pack's identity for recipes: SHA-256 over every file, in ordinal order of the relative path (with '/'
/// separators), each as path bytes, a zero byte, the length as 8 little-endian bytes, then the content. Renaming,
/// adding, removing or changing any file changes the hash; the folder's own name and file dates do not.
/// </summary>
internal static class PackContentHash
{
    public static string Compute(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        byte[] buffer = new byte[1 << 20];
        foreach ((string relative, string full) in Files(directory))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            using FileStream stream = File.OpenRead(full);
            BinaryPrimitives.WriteInt64LittleEndian(length, stream.Length);
            hash.AppendData(length);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static long Size(string directory) => Files(directory).Sum(f => new FileInfo(f.Full).Length);

    private static IEnumerable<(string Relative, string Full)> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(full => (Relative: Path.GetRelativePath(directory, full).Replace('\\', '/'), Full: full))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
}

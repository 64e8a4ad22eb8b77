using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests.Workers;

/// <summary>The folder take store on a real temporary folder.</summary>
public sealed class FolderTakeFileStoreTests : IDisposable
{
    private const string Key = "takes/ab/abcdef.mp4";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "es-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Put_MakesTheKeyReadable_InTheConfiguredFolder_NotTheDataFolder()
    {
        var store = Store(Path.Combine(_root, "shared"));

        await store.PutAsync(Key, new MemoryStream([1, 2, 3]));

        Assert.True(await store.ExistsAsync(Key));
        Assert.Equal(Path.Combine(_root, "shared", "takes", "ab", "abcdef.mp4"), await store.GetLocalPathAsync(Key));
        await using var read = await store.OpenReadAsync(Key);
        var buffer = new MemoryStream();
        await read.CopyToAsync(buffer);
        Assert.Equal([1, 2, 3], buffer.ToArray());
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "takes")));
    }

    [Fact]
    public async Task WriterFailingMidway_LeavesNothingUnderTheKey_AndNoPartialFile()
    {
        var store = Store(null);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(Key, new FailingStream(bytesBeforeFailure: 100_000)));

        Assert.False(await store.ExistsAsync(Key));
        await Assert.ThrowsAsync<NotFoundException>(() => store.GetLocalPathAsync(Key));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "data"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriterKilledMidway_LeavesOnlyAHiddenPartialFile_ThatNoKeyReaches()
    {
        var store = Store(null);
        await store.PutAsync(Key, new MemoryStream([9, 9]));
        // What a SIGKILL between the first and the last byte leaves: a partial file beside the key, never the key.
        var folder = Path.Combine(_root, "data", "takes", "ab");
        var partial = Path.Combine(folder, FolderTakeFileStore.PartialPrefix + "0123-abcdef.mp4");
        await File.WriteAllBytesAsync(partial, [1]);

        await using var read = await store.OpenReadAsync(Key);
        Assert.Equal(2, read.Length);
        Assert.Throws<ArgumentException>(() => { _ = store.ExistsAsync("takes/ab/" + Path.GetFileName(partial)); });
    }

    [Theory]
    [InlineData("../studio.db")]
    [InlineData("/etc/passwd")]
    [InlineData("takes/../../outside.png")]
    public async Task KeysLeavingTheStore_AreRefused(string key)
    {
        var store = Store(null);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new MemoryStream([1])));

        Assert.Contains("not a take store key", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "studio.db")));
    }

    private FolderTakeFileStore Store(string? directory)
    {
        var environment = new HostingEnvironment { ContentRootPath = _root, EnvironmentName = "Production" };
        var paths = new StudioPaths(environment, Options.Create(new StudioDataOptions { Directory = Path.Combine(_root, "data") }));
        return new FolderTakeFileStore(paths, Options.Create(new TakeStoreOptions { Directory = directory }));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A source that delivers some bytes and then fails, as a dying disk or connection would.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _delivered;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _delivered; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_delivered >= bytesBeforeFailure)
            {
                throw new IOException("The source failed midway.");
            }
            var n = Math.Min(count, bytesBeforeFailure - _delivered);
            Array.Fill(buffer, (byte)7, offset, n);
            _delivered += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

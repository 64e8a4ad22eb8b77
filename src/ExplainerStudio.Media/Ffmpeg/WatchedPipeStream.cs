namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Wraps the pipe to ffmpeg's standard input and remembers whether a write to the pipe itself failed. That
/// separates "ffmpeg stopped reading" (its exit code explains it) from a failure in the caller's frame source,
/// which must stop ffmpeg before it finishes a truncated output.
/// </summary>
internal sealed class WatchedPipeStream(Stream pipe) : Stream
{
    public bool PipeFailed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            pipe.Write(buffer);
        }
        catch (IOException)
        {
            PipeFailed = true;
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await pipe.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            PipeFailed = true;
            throw;
        }
    }

    public override void Flush()
    {
        try
        {
            pipe.Flush();
        }
        catch (IOException)
        {
            PipeFailed = true;
            throw;
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            PipeFailed = true;
            throw;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

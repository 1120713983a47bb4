namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Reads a stream through, throwing once more than the limit has come in: a request body (chunked,
/// without Content-Length, or on servers without a body-size feature such as TestServer) or a
/// source's answer after decompression. It never buffers or copies, so nothing past the limit is
/// ever held.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        _read += read;
        return _read > limit ? throw new LimitExceededException() : read;
    }

    /// <summary>Thrown out of the reader (a JSON parser), and turned into the caller's own error (a 413, a bad answer).</summary>
    internal sealed class LimitExceededException() : Exception("More bytes were read than the limit allows.");
}

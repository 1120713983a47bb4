using System.Net.Sockets;
using System.Text;
using CrmFederation.Gateway.Tests.Resilience;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>
/// A loopback TCP server answering HTTP/1.1 with a 1 GiB body of items, chunked or under its
/// Content-Length, and counting the body bytes each connection accepted until the caller closed it.
/// Raw sockets, not Kestrel: a write fails once the caller has closed, whereas Kestrel goes on accepting
/// writes for a while after, so its count would include bytes nobody could read. A request for
/// <see cref="HostileUpstream.WarmUpKey"/> is answered with no items, on the same kept-alive connection.
/// </summary>
public sealed class EndlessAnswerServer(bool declareLength) : LoopbackTcpServer
{
    public const long BodyBytes = 1024L * 1024 * 1024;

    private static readonly byte[] Chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"id":"S-1","customer_ref":"C-000001","plan_name":"Pro"},""", 1024)));
    private static readonly byte[] WarmUpAnswer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\":[]}");

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private long _bytesAccepted;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Body bytes the connection took before the caller closed it: what the caller read, and what waited in socket buffers.</summary>
    public long BytesAccepted => Interlocked.Read(ref _bytesAccepted);

    /// <summary>Completes once the caller has closed a connection in the middle of the body.</summary>
    public Task CallerClosed => _closed.Task.WaitAsync(WireGate.HangGuard);

    protected override async Task ServeAsync(TcpClient connection, CancellationToken stop)
    {
        var stream = connection.GetStream();
        while (await ReadRequestHeadAsync(stream, stop) is { } request)
        {
            if (request.Contains("customer_refs=" + HostileUpstream.WarmUpKey, StringComparison.Ordinal))
            {
                await stream.WriteAsync(WarmUpAnswer, stop);
                continue;
            }

            Interlocked.Increment(ref _requests);
            try
            {
                await SendEndlessAnswerAsync(stream, stop);
            }
            catch (IOException)
            {
                _closed.TrySetResult();
                return;
            }
        }
    }

    private async Task SendEndlessAnswerAsync(NetworkStream stream, CancellationToken stop)
    {
        var framing = declareLength ? $"Content-Length: {BodyBytes}" : "Transfer-Encoding: chunked";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"), stop);
        var chunkHead = Encoding.ASCII.GetBytes($"{Chunk.Length:x}\r\n");
        for (long sent = 0; sent < BodyBytes; sent += Chunk.Length)
        {
            if (!declareLength)
            {
                await stream.WriteAsync(chunkHead, stop);
            }

            await stream.WriteAsync(Chunk, stop);
            Interlocked.Add(ref _bytesAccepted, Chunk.Length);
            if (!declareLength)
            {
                await stream.WriteAsync("\r\n"u8.ToArray(), stop);
            }
        }
    }
}

using System.Net.Sockets;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server that reads the start of each request and then resets the connection, before
/// any HTTP answer: the caller sees a dropped connection (<see cref="HttpRequestException"/>). Counts
/// the connections it dropped.
/// </summary>
/// <remarks>
/// It waits for the request's first bytes on purpose: a reset right after the handshake can surface
/// from SocketsHttpHandler as a bare <see cref="SocketException"/> (107, read while it takes the
/// connection's remote end point) instead of an HttpRequestException; <see cref="FailingTransport"/>
/// plays that case deterministically.
/// </remarks>
public sealed class ConnectionDropper : LoopbackTcpServer
{
    private int _connections;

    /// <summary>
    /// Connections accepted (and dropped) so far; each is counted before it is dropped. One request may
    /// cost several: SocketsHttpHandler retries on a new connection when the reset follows a fully sent request.
    /// </summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ServeAsync(TcpClient connection, CancellationToken stop)
    {
        Interlocked.Increment(ref _connections);
        await connection.GetStream().ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, stop);

        // Linger 0: closing sends a reset instead of a graceful end of stream.
        connection.Client.LingerState = new LingerOption(true, 0);
    }
}

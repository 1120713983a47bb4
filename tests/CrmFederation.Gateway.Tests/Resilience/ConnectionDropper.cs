using System.Net;
using System.Net.Sockets;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server that reads the start of each request and then resets the connection, before
/// any HTTP answer: the caller sees a dropped connection (<see cref="HttpRequestException"/>). WireMock
/// cannot play this: its faults still send a status line. Counts the connections it dropped.
/// </summary>
/// <remarks>
/// It waits for the request's first bytes on purpose: a reset right after the handshake can surface
/// from SocketsHttpHandler as a bare <see cref="SocketException"/> (107, read while it takes the
/// connection's remote end point) instead of an HttpRequestException; <see cref="FailingTransport"/>
/// plays that case deterministically.
/// </remarks>
public sealed class ConnectionDropper : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public ConnectionDropper()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>
    /// Connections accepted (and dropped) so far; each is counted before it is dropped. One request may
    /// cost several: SocketsHttpHandler retries on a new connection when the reset follows a fully sent request.
    /// </summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop one way or another.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            try
            {
                await connection.GetStream().ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, _stop.Token);

                // Linger 0: closing sends a reset instead of a graceful end of stream.
                connection.Client.LingerState = new LingerOption(true, 0);
            }
            catch (IOException)
            {
                // The caller went away first; the connection is gone either way.
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server for what WireMock cannot play (it always answers well-formed HTTP): each
/// accepted connection is handed to <see cref="ServeAsync"/>, one at a time, and closed after it.
/// </summary>
public abstract class LoopbackTcpServer : IAsyncDisposable
{
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    protected LoopbackTcpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

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
        GC.SuppressFinalize(this);
    }

    protected abstract Task ServeAsync(TcpClient connection, CancellationToken stop);

    /// <summary>Reads one request's line and headers (callers send no bodies); null when the caller closes the connection first.</summary>
    protected static async Task<string?> ReadRequestHeadAsync(NetworkStream stream, CancellationToken stop)
    {
        var received = new List<byte>();
        var buffer = new byte[1];
        while (!received.TakeLast(EndOfHeaders.Length).SequenceEqual(EndOfHeaders))
        {
            if (await stream.ReadAsync(buffer, stop) == 0)
            {
                return null;
            }

            received.Add(buffer[0]);
        }

        return System.Text.Encoding.ASCII.GetString(received.ToArray());
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            try
            {
                await ServeAsync(connection, _stop.Token);
            }
            catch (IOException)
            {
                // The caller went away first; the connection is gone either way.
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server for what WireMock cannot play (it always answers well-formed HTTP): each
/// accepted connection is handed to <see cref="ServeAsync"/>, one at a time, and closed after it.
/// </summary>
public abstract class LoopbackTcpServer : IAsyncDisposable
{
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

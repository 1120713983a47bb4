using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server that reads each request and answers with a line that is not HTTP, then
/// closes the connection: the caller's HTTP client cannot read the answer. WireMock always answers
/// well-formed HTTP. Counts the requests it answered.
/// </summary>
public sealed class MalformedHttpServer : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("THIS IS NOT HTTP\r\n\r\n");
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;

    public MalformedHttpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Requests => Volatile.Read(ref _requests);

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
            var stream = connection.GetStream();
            try
            {
                // The whole request first: closing with unread bytes would reset the connection instead.
                await ReadHeadersAsync(stream);
                Interlocked.Increment(ref _requests);
                await stream.WriteAsync(Answer, _stop.Token);
                connection.Client.Shutdown(SocketShutdown.Send);
            }
            catch (IOException)
            {
                // The caller went away first; the connection is gone either way.
            }
        }
    }

    private async Task ReadHeadersAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (!received.TakeLast(EndOfHeaders.Length).SequenceEqual(EndOfHeaders))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                throw new IOException("The caller closed the connection before the end of its request headers.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }
}

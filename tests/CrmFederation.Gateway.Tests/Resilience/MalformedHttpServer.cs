using System.Net.Sockets;
using System.Text;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A loopback TCP server that reads each request and answers with a line that is not HTTP, then
/// closes the connection: the caller's HTTP client cannot read the answer. Counts the requests it answered.
/// </summary>
public sealed class MalformedHttpServer : LoopbackTcpServer
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("THIS IS NOT HTTP\r\n\r\n");
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override async Task ServeAsync(TcpClient connection, CancellationToken stop)
    {
        var stream = connection.GetStream();

        // The whole request first: closing with unread bytes would reset the connection instead.
        _ = await ReadRequestHeadAsync(stream, stop) ?? throw new IOException("The caller closed the connection before the end of its request headers.");
        Interlocked.Increment(ref _requests);
        await stream.WriteAsync(Answer, stop);
        connection.Client.Shutdown(SocketShutdown.Send);
    }
}

using System.Net.Sockets;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A transport whose every request fails the way a broken connection does, with exactly the exception
/// a test names, including the bare <see cref="SocketException"/> and <see cref="IOException"/> that
/// SocketsHttpHandler lets through now and then but no real server can make happen on demand.
/// Counts the requests sent, by method.
/// </summary>
public sealed class FailingTransport(Func<Exception> failure) : HttpMessageHandler
{
    private int _gets;
    private int _posts;

    public int Gets => Volatile.Read(ref _gets);

    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The connection-level failures a test may name, by a short name for theory data.</summary>
    public static Exception Failure(string kind) => kind switch
    {
        "refused" => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        "reset" => new HttpRequestException("Error while copying content", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))),
        "bare socket reset" => new SocketException((int)SocketError.ConnectionReset),
        "bare io reset" => new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such connection failure."),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref request.Method == HttpMethod.Post ? ref _posts : ref _gets);
        throw failure();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A transport whose every request fails the way a broken connection, TLS, a proxy or DNS does, with
/// exactly the exception a test names, including the bare <see cref="SocketException"/> and
/// <see cref="IOException"/> that SocketsHttpHandler lets through now and then but no real server can
/// make happen on demand.
/// Counts the requests sent, by method.
/// </summary>
public sealed class FailingTransport(Func<Exception> failure) : HttpMessageHandler
{
    private int _gets;
    private int _posts;

    public int Gets => Volatile.Read(ref _gets);

    public int Posts => Volatile.Read(ref _posts);

    /// <summary>
    /// The transport failures a test may name, by a short name for theory data, shaped as SocketsHttpHandler
    /// reports them: the <see cref="HttpRequestError"/> and inner exception it gives each.
    /// </summary>
    public static Exception Failure(string kind) => kind switch
    {
        "refused" => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        "reset" => new HttpRequestException("Error while copying content", new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))),
        "bare socket reset" => new SocketException((int)SocketError.ConnectionReset),
        "bare io reset" => new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset)),
        "response ended" => new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
        "resolver no answer" => new HttpRequestException(HttpRequestError.NameResolutionError, "Resource temporarily unavailable", new SocketException((int)SocketError.TryAgain)),
        "proxy 502" => new HttpRequestException(HttpRequestError.ProxyTunnelError, "The proxy tunnel request failed with status code '502'.", null, HttpStatusCode.BadGateway),
        "no such host" => new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)SocketError.HostNotFound)),
        "proxy 407" => new HttpRequestException(HttpRequestError.ProxyTunnelError, "The proxy tunnel request failed with status code '407'.", null, HttpStatusCode.ProxyAuthenticationRequired),
        "tls" => new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new AuthenticationException("The remote certificate is invalid")),
        "user authentication" => new HttpRequestException(HttpRequestError.UserAuthenticationError, "Authentication failed"),
        "invalid response" => new HttpRequestException(HttpRequestError.InvalidResponse, "Received an invalid status line", new HttpIOException(HttpRequestError.InvalidResponse)),
        "headers too long" => new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, "The HTTP response headers length exceeded the set limit"),
        "unknown" => new HttpRequestException("Something went wrong"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such transport failure."),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref request.Method == HttpMethod.Post ? ref _posts : ref _gets);
        throw failure();
    }
}

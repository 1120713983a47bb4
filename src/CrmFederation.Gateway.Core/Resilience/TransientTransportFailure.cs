using System.Net;
using System.Net.Sockets;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// The transport failures another attempt can get past: the connection was refused, reset or closed
/// before the answer was complete, or the resolver could not answer just then. The others fail the
/// same way on every attempt (the source's certificate, authentication, an HTTP answer the client
/// cannot read or that exceeds its limits, a host name that does not exist): they are neither retried
/// nor counted against the circuit breaker.
/// </summary>
public static class TransientTransportFailure
{
    public static bool Is(Exception exception) => exception switch
    {
        HttpRequestException http => IsTransient(http),

        // SocketsHttpHandler lets a reset through unwrapped now and then (see Sources.TransportFailure).
        IOException or SocketException => true,
        _ => false,
    };

    private static bool IsTransient(HttpRequestException http) => http.HttpRequestError switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded => true,

        // TryAgain: the resolver gave no answer (timed out, SERVFAIL). HostNotFound: it answered that the
        // name does not exist, and resolvers cache that answer, so asking again within the deadline only
        // delays the real error.
        HttpRequestError.NameResolutionError => http.InnerException is SocketException { SocketErrorCode: SocketError.TryAgain },

        // The proxy would not open the tunnel: its 5xx (the source behind it unreachable) may pass, its
        // 403 or 407 will not. Older runtimes do not report the proxy's status; then it counts as a 5xx.
        HttpRequestError.ProxyTunnelError => http.StatusCode is null or >= HttpStatusCode.InternalServerError,

        // Not classified by the handler (such as a failure while sending the request): transient only
        // when the connection failed underneath.
        HttpRequestError.Unknown => http.InnerException is IOException or SocketException,

        // SecureConnectionError, UserAuthenticationError, InvalidResponse (a misbehaving source's answer
        // is a bad response, not a passing fault), ConfigurationLimitExceeded, and the HTTP/2 and HTTP/3
        // errors (HttpProtocolError and the like; sources are called over HTTP/1.1).
        _ => false,
    };
}

using System.Net;

namespace CrmFederation.Gateway.Sources;

/// <summary>The one connection pool every source call goes through.</summary>
public sealed class UpstreamConnectionPool(HttpMessageHandler handler) : IDisposable
{
    public UpstreamConnectionPool()
        : this(CreateSocketsHandler())
    {
    }

    /// <summary>The innermost handler; the in-process benchmark replaces it with recorded upstream answers.</summary>
    public HttpMessageHandler Handler { get; } = handler;

    public static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        // Credentials must never follow a redirect to another host; sources that redirect are misconfigured.
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public void Dispose() => Handler.Dispose();
}

using System.Net;

namespace CrmFederation.Gateway.Sources;

/// <summary>The one connection pool every source call goes through.</summary>
public sealed class UpstreamConnectionPool : IDisposable
{
    public SocketsHttpHandler Handler { get; } = new()
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

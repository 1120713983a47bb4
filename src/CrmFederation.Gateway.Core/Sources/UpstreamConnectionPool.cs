using System.Net;

namespace CrmFederation.Gateway.Sources;

/// <summary>The one connection pool every source call goes through.</summary>
public sealed class UpstreamConnectionPool(HttpMessageHandler handler) : IDisposable
{
    /// <summary>Enough for the error pages of unread 4xx and 5xx answers, so that their connections are kept.</summary>
    public const int MaxDrainBytes = 64 * 1024;

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

        // Answers are decompressed by SourceAnswerReader, only in the codings each source declares and only up to its answer limit.
        AutomaticDecompression = DecompressionMethods.None,

        // An answer cut off at its limit is not read on to reuse the connection: with more than this left unread, the connection is closed.
        MaxResponseDrainSize = MaxDrainBytes,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public void Dispose() => Handler.Dispose();
}

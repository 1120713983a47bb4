using System.Net;
using System.Net.Sockets;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// Source and endpoint definitions as the config compiler builds them, pointing at a test server
/// (a WireMock server's URL, or a port nobody listens on).
/// </summary>
public static class WireSources
{
    public const string SourceName = "crm";

    /// <summary>
    /// A source with the production resilience pipeline (breaker, limits, deadline) but without retries,
    /// so that each failure is exactly one request, and without a per-attempt timeout shorter than the
    /// source's own, so that a busy test machine cannot turn a slow first request into a timeout.
    /// </summary>
    public static SourceDefinition Source(string baseUrl, SourceAuthentication? authentication = null, TimeSpan? timeout = null, string credentialScope = "anonymous")
    {
        var deadline = timeout ?? TimeSpan.FromSeconds(30);
        return new()
        {
            Name = SourceName,
            BaseUri = new Uri(baseUrl),
            Authentication = authentication ?? new SourceAuthentication.None(),
            CredentialScope = credentialScope,
            Timeout = deadline,
            Resilience = new ResilienceConfig
            {
                AttemptTimeoutMs = (int)deadline.TotalMilliseconds,
                Retry = new RetryConfig { MaxRetries = 0 },
            },
        };
    }

    public static EndpointDefinition Endpoint(
        SourceDefinition source,
        string path,
        string? keyParameter = null,
        string? items = null,
        string? matchOn = null,
        bool many = false,
        bool caseInsensitive = false,
        int maxBatchSize = 100,
        bool repeat = false,
        PagingDefinition? paging = null,
        IReadOnlyList<KeyValuePair<string, string>>? query = null,
        ErrorEnvelope? envelope = null) => new()
    {
        Source = source,
        Name = "endpoint",
        Path = path,
        KeyParameter = keyParameter,
        FixedQuery = query ?? [],
        Items = items is null ? null : JsonPath.Parse(items),
        MatchOn = matchOn is null ? null : JsonPath.Parse(matchOn),
        KeyComparer = caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal,
        Many = many,
        MaxBatchSize = path.Contains(EndpointDefinition.KeyPlaceholder, StringComparison.Ordinal) ? 1 : maxBatchSize,
        RepeatListParameters = repeat,
        Paging = paging,
        Envelope = envelope,
    };

    /// <summary>The CRM's batch lookup: <c>GET /crm/v3/customers?ids=…</c> → <c>{"results":[…]}</c>.</summary>
    public static EndpointDefinition CustomersById(SourceDefinition source, int maxBatchSize = 100, ErrorEnvelope? envelope = null) =>
        Endpoint(source, "/crm/v3/customers", keyParameter: "ids", items: "results", matchOn: "id", maxBatchSize: maxBatchSize, envelope: envelope);

    /// <summary>A base URL on a loopback port that nothing listens on: connecting to it is refused.</summary>
    public static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Instrumentation.Http;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// Every credential the gateway actually put on an upstream request (the CRM's access token among
/// them, which only the gateway and the CRM know), read through the HTTP client instrumentation's
/// enrichment hook, after the gateway's own enrichment.
/// </summary>
public sealed class SentCredentials
{
    private static readonly string[] CredentialHeaders = ["X-Shopify-Access-Token"];

    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Values => [.. _values.Keys];

    public void AttachTo(IServiceCollection services) =>
        services.PostConfigure<HttpClientTraceInstrumentationOptions>(options =>
        {
            var gateways = options.EnrichWithHttpRequestMessage;
            options.EnrichWithHttpRequestMessage = (activity, request) =>
            {
                gateways?.Invoke(activity, request);
                Record(request);
            };
        });

    private void Record(HttpRequestMessage request)
    {
        if (request.Headers.Authorization?.Parameter is { Length: > 0 } parameter)
        {
            _values.TryAdd(parameter, 0);
        }

        foreach (var header in CredentialHeaders)
        {
            if (request.Headers.TryGetValues(header, out var values))
            {
                foreach (var value in values)
                {
                    _values.TryAdd(value, 0);
                }
            }
        }
    }
}

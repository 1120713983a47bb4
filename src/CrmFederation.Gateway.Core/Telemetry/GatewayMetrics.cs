using System.Diagnostics.Metrics;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// The product's metrics, on one <see cref="Meter"/> named for it. Tags carry source and endpoint
/// names and error codes only: never keys or values.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "CrmFederation.Gateway";

    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _cacheHits = meter.CreateCounter<long>("crmfed.cache.hits", "{entry}", "Source items answered from the cache.");
        _cacheMisses = meter.CreateCounter<long>("crmfed.cache.misses", "{entry}", "Source items the cache did not have fresh.");
    }

    public void CacheHit(EndpointDefinition endpoint) => _cacheHits.Add(1, Tags(endpoint));

    public void CacheMiss(EndpointDefinition endpoint) => _cacheMisses.Add(1, Tags(endpoint));

    private static KeyValuePair<string, object?>[] Tags(EndpointDefinition endpoint) =>
        [new("source.name", endpoint.Source.Name), new("source.endpoint", endpoint.Name)];
}

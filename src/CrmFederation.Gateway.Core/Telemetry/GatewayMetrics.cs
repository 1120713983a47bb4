using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// The product's metrics, on one <see cref="Meter"/> named for it. Tags carry source and endpoint
/// names, error codes and operation types only: never keys or values.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "CrmFederation.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _operationDuration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _errors;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _batchRequests;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rateLimited;
    private readonly Histogram<long> _estimatedCalls;
    private readonly Histogram<long> _upstreamCalls;
    private readonly Histogram<long> _estimatedItems;
    private readonly Counter<long> _configReloads;

    public GatewayMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _cacheHits = _meter.CreateCounter<long>("crmfed.cache.hits", "{entry}", "Source items answered from the cache.");
        _cacheMisses = _meter.CreateCounter<long>("crmfed.cache.misses", "{entry}", "Source items the cache did not have fresh.");
        _operationDuration = _meter.CreateHistogram<double>("crmfed.operation.duration", "s", "Duration of GraphQL operations.");
        _inFlight = _meter.CreateUpDownCounter<long>("crmfed.requests.in_flight", "{request}", "GraphQL operations being executed.");
        _callDuration = _meter.CreateHistogram<double>("crmfed.source.call.duration", "s", "Duration of upstream calls, retries included.");
        _errors = _meter.CreateCounter<long>("crmfed.source.errors", "{error}", "Failed upstream calls by error code.");
        _batchSize = _meter.CreateHistogram<int>("crmfed.source.batch.size", "{key}", "Keys per upstream batch.");
        _batchRequests = _meter.CreateHistogram<int>("crmfed.source.batch.requests", "{request}", "Requests that shared one upstream call (1: not shared).");
        _retries = _meter.CreateCounter<long>("crmfed.source.retries", "{retry}", "Upstream attempts after the first.");
        _rateLimited = _meter.CreateCounter<long>("crmfed.source.rate_limited", "{call}", "Upstream calls refused by a rate limit (the gateway's or the source's).");
        _estimatedCalls = _meter.CreateHistogram<long>("crmfed.request.upstream_calls.estimated", "{call}", "Upstream calls the cost model estimated for a request before it ran.");
        _upstreamCalls = _meter.CreateHistogram<long>("crmfed.request.upstream_calls", "{call}", "Upstream calls a request made (pages counted, retries not), next to the estimate.");
        _estimatedItems = _meter.CreateHistogram<long>("crmfed.request.result_items.estimated", "{value}", "Values the cost model estimated a response would hold.");
        _configReloads = _meter.CreateCounter<long>("crmfed.config.reloads", "{reload}", "Config reloads by outcome (applied, unchanged, rejected) and trigger.");
    }

    public void CacheHit(EndpointDefinition endpoint) => _cacheHits.Add(1, Tags(endpoint));

    public void CacheMiss(EndpointDefinition endpoint) => _cacheMisses.Add(1, Tags(endpoint));

    public void OperationStarted() => _inFlight.Add(1);

    /// <summary>
    /// Records an operation's duration, tagged with whether it had errors and, once GraphQL.NET has
    /// chosen the operation to execute, its type (never its name: clients choose names freely).
    /// Operations refused before that (unparsable, invalid) have no type tag.
    /// </summary>
    public void OperationEnded(TimeSpan duration, ExecutionResult? result)
    {
        _inFlight.Add(-1);
        var tags = new TagList { { "graphql.errors", result is null || result.Errors is { Count: > 0 } } };
        if (OperationTypeOf(result) is { } type)
        {
            tags.Add("graphql.operation.type", type);
        }

        _operationDuration.Record(duration.TotalSeconds, tags);
    }

    public void Batch(EndpointDefinition endpoint, int keys) => _batchSize.Record(keys, Tags(endpoint));

    public void BatchShared(EndpointDefinition endpoint, int requests) => _batchRequests.Record(requests, Tags(endpoint));

    /// <summary>A request's estimated cost and the upstream calls it then made, recorded side by side so that the model can be checked against reality.</summary>
    public void Cost(long estimatedCalls, long estimatedItems, int actualCalls)
    {
        _estimatedCalls.Record(estimatedCalls);
        _estimatedItems.Record(estimatedItems);
        _upstreamCalls.Record(actualCalls);
    }

    public void Call(SourceDefinition source, TimeSpan duration, int attempts, string? errorCode)
    {
        var tags = new KeyValuePair<string, object?>[] { new("source.name", source.Name), new("error.code", errorCode ?? "") };
        _callDuration.Record(duration.TotalSeconds, tags);
        if (attempts > 1)
        {
            _retries.Add(attempts - 1, new KeyValuePair<string, object?>("source.name", source.Name));
        }

        if (errorCode is not null)
        {
            _errors.Add(1, tags);
        }

        if (errorCode == SourceErrorCode.RateLimited)
        {
            _rateLimited.Add(1, new KeyValuePair<string, object?>("source.name", source.Name));
        }
    }

    public void ConfigReload(Configuration.Reload.ConfigReloadOutcome outcome, string trigger) =>
        _configReloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("trigger", trigger));

    /// <summary>Reports each source's circuit as 0 closed, 1 half-open, 2 open, read when metrics are collected.</summary>
    public void ObserveCircuits(Func<IEnumerable<(string Source, string State)>> circuits) =>
        _meter.CreateObservableGauge("crmfed.source.circuit.state", () => circuits().Select(c =>
            new Measurement<int>(c.State switch { "closed" => 0, "half-open" => 1, _ => 2 }, new KeyValuePair<string, object?>("source.name", c.Source))),
            "{state}", "Circuit breaker state per source: 0 closed, 1 half-open, 2 open.");

    /// <summary>The values of OpenTelemetry's semantic conventions for GraphQL.</summary>
    private static string? OperationTypeOf(ExecutionResult? result) => result?.Operation?.Operation switch
    {
        GraphQLParser.AST.OperationType.Query => "query",
        GraphQLParser.AST.OperationType.Mutation => "mutation",
        GraphQLParser.AST.OperationType.Subscription => "subscription",
        _ => null,
    };

    private static KeyValuePair<string, object?>[] Tags(EndpointDefinition endpoint) =>
        [new("source.name", endpoint.Source.Name), new("source.endpoint", endpoint.Name)];
}

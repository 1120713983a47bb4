using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// One gateway's measurements of one instrument per endpoint ("erp.accountsByCrmRef"), read from its
/// own meter (the gateway's meters are scoped to its DI container, so gateways of other tests running
/// at the same time do not count), and a wait until they reach a number: until so many requests have
/// missed the cache, or sent their batch.
/// </summary>
public sealed class EndpointMeasurements : IDisposable
{
    /// <summary>Only guards against a hang when the awaited measurements never happen.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (long Count, long Sum)> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    public EndpointMeasurements(IServiceProvider gateway, string instrumentName)
    {
        var scope = gateway.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Meter.Scope == scope && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    /// <summary>How many measurements <paramref name="endpoint"/> has recorded.</summary>
    public long Count(string endpoint) => _seen.GetValueOrDefault(endpoint).Count;

    /// <summary>The sum of the values <paramref name="endpoint"/> has recorded.</summary>
    public long Sum(string endpoint) => _seen.GetValueOrDefault(endpoint).Sum;

    /// <summary>Completes once <paramref name="reached"/> holds for every endpoint named.</summary>
    public async Task WaitUntilAsync(Func<string, bool> reached, params string[] endpoints)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!endpoints.All(reached))
        {
            try
            {
                await _changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Waited in vain on {string.Join(", ", endpoints)}; saw " +
                    string.Join(", ", endpoints.Select(e => $"{e}: {Count(e)} measurements summing to {Sum(e)}")));
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _changed.Dispose();
    }

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? source = null, endpoint = null;
        foreach (var tag in tags)
        {
            source = tag.Key == "source.name" ? tag.Value as string : source;
            endpoint = tag.Key == "source.endpoint" ? tag.Value as string : endpoint;
        }

        _seen.AddOrUpdate($"{source}.{endpoint}", (1, value), (_, seen) => (seen.Count + 1, seen.Sum + value));
        _changed.Release();
    }
}

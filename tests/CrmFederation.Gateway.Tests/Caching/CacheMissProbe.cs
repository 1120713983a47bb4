using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Counts one gateway's cache misses per endpoint ("erp.accountsByCrmRef") from its own meter (the
/// gateway's meters are scoped to its DI container, so gateways of other tests do not count), and
/// lets a test wait until a number of requests have missed — that is, have looked the key up and
/// claimed or joined its fetch.
/// </summary>
public sealed class CacheMissProbe : IDisposable
{
    /// <summary>Only guards against a hang when the awaited misses never happen.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _misses = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    public CacheMissProbe(CacheGateway gateway)
    {
        var scope = gateway.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Meter.Scope == scope && instrument.Name == "crmfed.cache.misses")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? source = null, endpoint = null;
            foreach (var tag in tags)
            {
                source = tag.Key == "source.name" ? tag.Value as string : source;
                endpoint = tag.Key == "source.endpoint" ? tag.Value as string : endpoint;
            }

            _misses.AddOrUpdate($"{source}.{endpoint}", (int)value, (_, count) => count + (int)value);
            _changed.Release();
        });
        _listener.Start();
    }

    public int Misses(string endpoint) => _misses.GetValueOrDefault(endpoint);

    /// <summary>Completes once every endpoint named has recorded at least <paramref name="count"/> misses.</summary>
    public async Task WaitForMissesAsync(int count, params string[] endpoints)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!endpoints.All(endpoint => Misses(endpoint) >= count))
        {
            try
            {
                await _changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Expected {count} cache misses on each of {string.Join(", ", endpoints)}; saw " +
                    string.Join(", ", endpoints.Select(e => $"{e}={Misses(e)}")));
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _changed.Dispose();
    }
}

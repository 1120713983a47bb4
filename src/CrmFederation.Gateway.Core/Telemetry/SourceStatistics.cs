namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// One source's recent behaviour for the operators' status page: calls, errors and latency over the
/// last minute (one bucket per second), and cache hits and misses since start.
/// </summary>
public sealed class SourceStatistics(TimeProvider time)
{
    private const int Seconds = 60;
    private readonly Lock _gate = new();
    private readonly (long Second, int Calls, int Errors, double Milliseconds)[] _buckets = new (long, int, int, double)[Seconds];
    private long _cacheHits;
    private long _cacheMisses;

    public void RecordCall(TimeSpan duration, bool failed)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            ref var bucket = ref _buckets[second % Seconds];
            if (bucket.Second != second)
            {
                bucket = (second, 0, 0, 0);
            }

            bucket.Calls++;
            bucket.Errors += failed ? 1 : 0;
            bucket.Milliseconds += duration.TotalMilliseconds;
        }
    }

    public void RecordCache(bool hit) => Interlocked.Increment(ref hit ? ref _cacheHits : ref _cacheMisses);

    public RecentSnapshot Recent()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        int calls = 0, errors = 0;
        double milliseconds = 0;
        lock (_gate)
        {
            foreach (var bucket in _buckets)
            {
                if (now - bucket.Second < Seconds)
                {
                    calls += bucket.Calls;
                    errors += bucket.Errors;
                    milliseconds += bucket.Milliseconds;
                }
            }
        }

        var hits = Interlocked.Read(ref _cacheHits);
        var lookups = hits + Interlocked.Read(ref _cacheMisses);
        return new RecentSnapshot(
            calls,
            calls == 0 ? 0 : (double)errors / calls,
            calls == 0 ? 0 : milliseconds / calls,
            lookups == 0 ? null : (double)hits / lookups);
    }

    /// <summary>Calls and error rate over the last minute, mean latency, and the cache hit ratio (null before any lookup).</summary>
    public sealed record RecentSnapshot(int CallsLastMinute, double ErrorRate, double MeanLatencyMs, double? CacheHitRatio);
}

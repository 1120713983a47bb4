namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// One source's recent behaviour for the operators' status page: calls, errors and latency over the
/// last minute (one bucket per second), and cache hits and misses since start.
/// </summary>
public sealed class SourceStatistics(TimeProvider time)
{
    private const int Seconds = 60;

    /// <summary>How far back "failing every call" looks: long enough to span a query's retries, short enough to clear soon after the source recovers.</summary>
    private const int RecentSeconds = 10;
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
        int calls = 0, errors = 0, recentCalls = 0, recentErrors = 0;
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

                if (now - bucket.Second < RecentSeconds)
                {
                    recentCalls += bucket.Calls;
                    recentErrors += bucket.Errors;
                }
            }
        }

        var hits = Interlocked.Read(ref _cacheHits);
        var lookups = hits + Interlocked.Read(ref _cacheMisses);
        return new RecentSnapshot(
            calls,
            calls == 0 ? 0 : (double)errors / calls,
            calls == 0 ? 0 : milliseconds / calls,
            lookups == 0 ? null : (double)hits / lookups,
            recentCalls > 0 && recentErrors == recentCalls);
    }

    /// <summary>
    /// Calls and error rate over the last minute, mean latency, the cache hit ratio (null before any lookup),
    /// and whether every call of the last ten seconds failed (false when there was none).
    /// </summary>
    public sealed record RecentSnapshot(int CallsLastMinute, double ErrorRate, double MeanLatencyMs, double? CacheHitRatio, bool FailingEveryCall);
}

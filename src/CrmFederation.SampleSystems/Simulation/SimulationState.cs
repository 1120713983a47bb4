namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// One system's simulation knobs and call counters. The settings are an immutable snapshot replaced
/// whole, so the request path reads them with one volatile read and never locks.
/// </summary>
internal sealed class SimulationState
{
    private readonly Lock _gate = new();
    private volatile SimulationSnapshot _snapshot;

    public SimulationState(SimulationSettings defaults, TimeProvider time)
    {
        Defaults = defaults;
        Time = time;
        _snapshot = Snapshot(defaults, null);
    }

    public SimulationSettings Defaults { get; }

    public TimeProvider Time { get; }

    public RouteStats Stats { get; } = new();

    public SimulationSnapshot Current => _snapshot;

    /// <summary>Applies <paramref name="change"/> atomically; a null result leaves the settings as they were.</summary>
    public SimulationSettings? TryUpdate(Func<SimulationSettings, SimulationSettings?> change)
    {
        lock (_gate)
        {
            var next = change(_snapshot.Settings);
            if (next is not null)
            {
                _snapshot = Snapshot(next, _snapshot);
            }

            return next;
        }
    }

    /// <summary>Back to the start-up settings, a fresh rate limiter, and all counters at zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _snapshot = Snapshot(Defaults, null);
            Stats.Reset();
        }
    }

    /// <summary>Keeps the current bucket when the rate is unchanged, so other knobs can change mid-burst.</summary>
    private SimulationSnapshot Snapshot(SimulationSettings settings, SimulationSnapshot? previous)
    {
        if (settings.RateLimitPerSecond <= 0)
        {
            return new SimulationSnapshot(settings, null);
        }

        var bucket = previous?.Settings.RateLimitPerSecond == settings.RateLimitPerSecond && previous.Bucket is not null
            ? previous.Bucket
            : new TokenBucket(settings.RateLimitPerSecond, Time);
        return new SimulationSnapshot(settings, bucket);
    }
}

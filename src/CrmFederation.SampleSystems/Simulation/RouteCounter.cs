namespace CrmFederation.SampleSystems.Simulation;

/// <summary>How many requests one route ("GET /crm/v3/customers/{id}") has served since the last reset.</summary>
internal sealed class RouteCounter(string key)
{
    private long _count;

    public string Key { get; } = key;

    public long Count => Interlocked.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);
}

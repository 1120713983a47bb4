using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What one batch produced: the items per key (found, cached or stale), and the failure that applies
/// to every other key of the batch.
/// </summary>
public sealed class BatchOutcome(IEqualityComparer<string> keyComparer)
{
    public Dictionary<string, List<JsonElement>> Items { get; } = new(keyComparer);

    public Exception? Failure { get; set; }

    public int CacheHits { get; set; }

    public int CacheMisses { get; set; }

    public IReadOnlyList<JsonElement> For(string key)
    {
        if (Items.TryGetValue(key, out var items))
        {
            return items;
        }

        if (Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Failure);
        }

        return [];
    }
}

using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What one batch produced: the items per key (found, cached or stale), and the failure that applies
/// to every other key of the batch.
/// </summary>
public sealed class BatchOutcome(IEqualityComparer<string> keyComparer, int expectedKeys = 0)
{
    public Dictionary<string, List<JsonElement>> Items { get; } = new(expectedKeys, keyComparer);

    public Exception? Failure { get; set; }

    public int CacheHits { get; set; }

    public int CacheMisses { get; set; }

    /// <summary>The items for <paramref name="key"/>, unless the batch failed without answering it.</summary>
    public bool TryGet(string key, out IReadOnlyList<JsonElement> items)
    {
        if (Items.TryGetValue(key, out var found))
        {
            items = found;
            return true;
        }

        items = [];
        return Failure is null;
    }

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

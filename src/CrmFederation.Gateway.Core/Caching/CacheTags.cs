using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The tags source items are cached under, built in one place so that what a purge or webhook names
/// is what the entries were labelled with. A lookup key is folded the way its endpoint matches keys:
/// on an e-mail endpoint the entry for ann@x.com is the entry for Ann@X.com.
/// </summary>
public static class CacheTags
{
    public static string Source(string source) => "source:" + source;

    public static string Key(EndpointDefinition endpoint, string key) => $"key:{endpoint.Source.Name}:{Folded(endpoint, key)}";

    /// <summary>An item's own id in its source, for entries looked up by something else (an ERP account cached by CrmRef, named by AccountNo).</summary>
    public static string Item(string source, string id) => $"item:{source}:{id}";

    /// <summary>
    /// Every tag an entry for <paramref name="key"/> of <paramref name="source"/> can carry: one per way its
    /// endpoints match keys, and the tag of an item whose own id it is.
    /// </summary>
    public static IEnumerable<string> ChangedKey(SourceDefinition source, string key) =>
        source.Endpoints.Values.Select(endpoint => Key(endpoint, key)).Append(Item(source.Name, key)).Distinct(StringComparer.Ordinal);

    private static string Folded(EndpointDefinition endpoint, string key) =>
        endpoint.KeyComparer == StringComparer.OrdinalIgnoreCase ? key.ToLowerInvariant() : key;
}

namespace CrmFederation.Gateway.Sources;

/// <summary>A source endpoint as the gateway calls it, compiled from gateway-config.</summary>
public sealed class EndpointDefinition
{
    public const string KeyPlaceholder = "{key}";

    public required SourceDefinition Source { get; init; }

    public required string Name { get; init; }

    public required string Path { get; init; }

    /// <summary>The query parameter carrying a batch of keys; null for per-key (<c>{key}</c>) and list endpoints.</summary>
    public string? KeyParameter { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> FixedQuery { get; init; }

    /// <summary>Where the items are in the body; null when the body is the item.</summary>
    public JsonPath? Items { get; init; }

    public JsonPath? MatchOn { get; init; }

    /// <summary>Where an item's own id is, when the endpoint is looked up by something else (cache entries are tagged with it).</summary>
    public JsonPath? Identity { get; init; }

    public required StringComparer KeyComparer { get; init; }

    public bool Many { get; init; }

    /// <summary>About how many items one key matches (the cost model's estimate; 1 unless <see cref="Many"/>).</summary>
    public int ItemsPerKey { get; init; } = 1;

    public required int MaxBatchSize { get; init; }

    public bool RepeatListParameters { get; init; }

    public PagingDefinition? Paging { get; init; }

    public Caching.CachePolicy? Cache { get; init; }

    /// <summary>
    /// Names this endpoint's cache entries: a fingerprint of what its answers depend on (the source's name,
    /// address and identity, the endpoint's own config), so that entries survive every reload that leaves those equal.
    /// </summary>
    public string CacheScope { get; init; } = "";

    /// <summary>How the source reports errors inside 2xx answers of this endpoint; null when it does not.</summary>
    public ErrorEnvelope? Envelope { get; init; }

    /// <summary>Item path to the operators the endpoint applies itself, each to the query parameter that carries it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<FilterOperator, string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<FilterOperator, string>>();

    /// <summary>How a list endpoint sorts; null when it cannot be asked to.</summary>
    public SortDefinition? Sort { get; init; }

    /// <summary>The parameter applying <paramref name="op"/> to the item path <paramref name="path"/>, or null when the endpoint cannot.</summary>
    public string? FilterParameter(string path, FilterOperator op) =>
        Filters.TryGetValue(path, out var operators) && operators.TryGetValue(op, out var parameter) ? parameter : null;

    /// <summary>True when one call can answer many keys; false means one call per key (an N+1 risk).</summary>
    public bool IsBatched => KeyParameter is not null;

    public bool IsPerKey => Path.Contains(KeyPlaceholder, StringComparison.Ordinal);

    public string DisplayName => $"{Source.Name}.{Name}";
}

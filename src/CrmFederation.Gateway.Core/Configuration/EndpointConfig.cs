namespace CrmFederation.Gateway.Configuration;

/// <summary>One read endpoint of a source, described well enough to batch keys into it and read the answer.</summary>
public sealed record EndpointConfig
{
    public string Path { get; init; } = "";

    /// <summary>The query parameter that carries the batch of keys; absent for list or page endpoints.</summary>
    public string? KeyParameter { get; init; }

    /// <summary>Fixed query parameters sent on every call.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Dotted path of the array of items in the body (<c>results</c>, <c>value</c>, <c>tickets</c>).</summary>
    public string? Items { get; init; }

    /// <summary>Dotted path, inside each item, of the value that matches it back to a key.</summary>
    public string? MatchOn { get; init; }

    /// <summary>
    /// Dotted path, inside each item, of the item's own id in its source (an ERP account's <c>AccountNo</c>)
    /// when the endpoint is looked up by something else: a webhook announcing that id evicts the entries holding the item.
    /// </summary>
    public string? Identity { get; init; }

    /// <summary><c>exact</c> (default) or <c>insensitive</c> (e-mail addresses).</summary>
    public string MatchCase { get; init; } = "exact";

    /// <summary>True when one key can match several items (contacts of a customer).</summary>
    public bool Many { get; init; }

    /// <summary>
    /// About how many items one key matches, on <see cref="Many"/> endpoints: the cost model's estimate of
    /// rows and of the pages a batch's answer spans. Not a limit. Default 10.
    /// </summary>
    public int? ItemsPerKey { get; init; }

    /// <summary>Overrides the source's batch size for this endpoint.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary><c>comma</c> (default: <c>ids=a,b</c>) or <c>repeat</c> (<c>ids=a&amp;ids=b</c>).</summary>
    public string ListStyle { get; init; } = "comma";

    public PagingConfig? Paging { get; init; }

    /// <summary>Caching of this endpoint's items per key; absent means never cached.</summary>
    public CacheConfig? Cache { get; init; }

    /// <summary>Replaces the source's envelope for this endpoint.</summary>
    public EnvelopeConfig? Envelope { get; init; }

    /// <summary>
    /// What the endpoint filters by: item path to operator (<c>eq</c>, <c>in</c>, <c>gt</c>, …) to the query
    /// parameter that applies it (the CRM list: <c>"updatedAt": { "gt": "updatedAfter" }</c>). Filters of a
    /// <c>where</c> argument it declares are sent to it; the gateway evaluates the rest.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Filters { get; init; } = NoFilters;

    /// <summary>How a list endpoint sorts; absent: the gateway sorts what an <c>order</c> argument asks.</summary>
    public SortConfig? Sort { get; init; }

    /// <summary>One shared empty map, so that two endpoints without filters are equal records.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoFilters = new Dictionary<string, IReadOnlyDictionary<string, string>>();
}

/// <summary>
/// The orders a list endpoint can return its rows in: the <see cref="Parameter"/> value for each item path and
/// direction, and the path the rows come in without it (<see cref="Natural"/>), which also breaks ties.
/// </summary>
public sealed record SortConfig
{
    public string Parameter { get; init; } = "";

    /// <summary>Without the parameter, rows come in ascending order of this path; every sort breaks ties by it, in the sort's direction.</summary>
    public string Natural { get; init; } = "";

    public IReadOnlyDictionary<string, SortValuesConfig> Fields { get; init; } = new Dictionary<string, SortValuesConfig>();
}

/// <summary>The parameter values that sort by one path ascending and descending; either may be absent.</summary>
public sealed record SortValuesConfig
{
    public string? Asc { get; init; }

    public string? Desc { get; init; }
}

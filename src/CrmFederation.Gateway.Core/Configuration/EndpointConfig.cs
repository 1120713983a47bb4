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
}

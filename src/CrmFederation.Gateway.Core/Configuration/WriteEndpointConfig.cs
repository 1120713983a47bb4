namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// One write endpoint of a source: it changes the items a read endpoint (<see cref="Updates"/>) answers,
/// each addressed by the value at <see cref="Key"/> in the item.
/// </summary>
public sealed record WriteEndpointConfig
{
    /// <summary>The read endpoint whose items this endpoint changes (<c>customersById</c>).</summary>
    public string Updates { get; init; } = "";

    /// <summary><c>PATCH</c> (default), <c>PUT</c> or <c>POST</c>.</summary>
    public string Method { get; init; } = "PATCH";

    /// <summary>The path with <c>{key}</c> where the item's key goes (<c>/crm/v3/customers/{key}</c>).</summary>
    public string Path { get; init; } = "";

    /// <summary>Dotted path, in the item read through <see cref="Updates"/>, of the key the path takes (<c>id</c>, <c>AccountNo</c>).</summary>
    public string Key { get; init; } = "";

    /// <summary>
    /// True when sending the same body twice leaves the item as sending it once (no counters, no change
    /// history per call): only then is a write that may have reached the source sent again.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>Where a 4xx answer's body names the offending field and says what is wrong.</summary>
    public RejectionConfig? Rejection { get; init; }
}

/// <summary>Dotted paths in a refused write's body: the field the source names (in its own spelling) and its message.</summary>
public sealed record RejectionConfig
{
    public string? Field { get; init; }

    public string? Message { get; init; }
}

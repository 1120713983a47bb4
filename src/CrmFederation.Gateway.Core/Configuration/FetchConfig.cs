namespace CrmFederation.Gateway.Configuration;

/// <summary>A batched lookup: the parent's key goes to a source endpoint; the answer is matched back by key.</summary>
public sealed record FetchConfig
{
    public string Source { get; init; } = "";

    public string Endpoint { get; init; } = "";

    public KeyConfig Key { get; init; } = new();
}

/// <summary>
/// Where the lookup key comes from: a GraphQL <see cref="Argument"/> (root fields), a <see cref="Path"/>
/// in the parent's item, or a path in the value of another fetched field of the parent (<see cref="Via"/>,
/// for two-hop joins such as CRM id → helpdesk organization → tickets).
/// </summary>
public sealed record KeyConfig
{
    public string? Argument { get; init; }

    public string? Path { get; init; }

    public string? Via { get; init; }

    /// <summary><c>lowercase</c> or <c>uppercase</c>, applied to the key before it is sent.</summary>
    public string? Transform { get; init; }

    /// <summary>With a list <see cref="Argument"/>: the most keys one lookup may ask for (default 100); more is a BAD_USER_INPUT error.</summary>
    public int? MaxKeys { get; init; }
}

/// <summary>A list endpoint answered page by page; the page's body is the connection's item.</summary>
public sealed record PageConfig
{
    public string Source { get; init; } = "";

    public string Endpoint { get; init; } = "";

    public IReadOnlyDictionary<string, ArgumentBindingConfig> Arguments { get; init; } = new Dictionary<string, ArgumentBindingConfig>();
}

/// <summary>
/// One GraphQL argument: sent as a query <see cref="Parameter"/>, applied locally as an equality
/// <see cref="Filter"/> on an item path, or used to <see cref="Take"/> the first N items per key.
/// </summary>
public sealed record ArgumentBindingConfig
{
    public string? Parameter { get; init; }

    public string? Filter { get; init; }

    public bool Take { get; init; }

    public string? EnumMap { get; init; }

    public int? Min { get; init; }

    public int? Max { get; init; }

    /// <summary>
    /// Page arguments: the source answers only rows whose field of this name (of the listed type) equals
    /// the value exactly, so a row policy on that field can be sent to the source instead of checked row by row.
    /// </summary>
    public string? ExactMatchOn { get; init; }

    /// <summary>Page bindings: this Int argument is the page's size (<c>first</c>), which the cost model reads as the page's rows.</summary>
    public bool PageSize { get; init; }

    /// <summary>The argument takes a cursor the gateway handed out (a field bound with <c>cursor</c>); any other is refused.</summary>
    public bool Cursor { get; init; }

    /// <summary>Page bindings: this input argument filters the listed rows (<c>where</c>), sent to the source where it declares the filter.</summary>
    public bool Where { get; init; }

    /// <summary>Page bindings: this list argument sorts the listed rows (<c>order</c>), by the source where it declares the sort.</summary>
    public bool Order { get; init; }
}

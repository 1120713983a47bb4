namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Where one GraphQL field's value comes from. Exactly one of <see cref="Path"/>, <see cref="Object"/>,
/// <see cref="Fetch"/> and <see cref="Page"/> says how; a plain string in the file is shorthand for a path.
/// </summary>
public sealed record FieldBindingConfig
{
    /// <summary>Dotted path in the parent's source item (<c>BillingAddress.Street</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Name of an enum map translating the source's spelling into the GraphQL enum.</summary>
    public string? EnumMap { get; init; }

    /// <summary><c>string</c>, <c>int</c>, <c>decimal</c>, <c>date</c>, <c>dateTime</c> or <c>boolean</c>; inferred from the field's type when absent.</summary>
    public string? Coerce { get; init; }

    /// <summary>With <see cref="Path"/> on a Boolean field: true when the path holds a non-null value.</summary>
    public bool Present { get; init; }

    /// <summary>With <see cref="Path"/> on a String field: the source's paging cursor, handed out sealed so that only it comes back.</summary>
    public bool Cursor { get; init; }

    /// <summary>An object built from the parent's own item, with these field bindings (Money from <c>Amount</c> and <c>Currency</c>).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(FieldBindingMapConverter))]
    public IReadOnlyDictionary<string, FieldBindingConfig>? Object { get; init; }

    /// <summary>The value comes from another source endpoint, batched across the parents.</summary>
    public FetchConfig? Fetch { get; init; }

    /// <summary>The value is one page of a list endpoint (a connection).</summary>
    public PageConfig? Page { get; init; }

    /// <summary>How the field's GraphQL arguments reach the source (query parameters) or filter its answer.</summary>
    public IReadOnlyDictionary<string, ArgumentBindingConfig> Arguments { get; init; } = new Dictionary<string, ArgumentBindingConfig>();

    public static FieldBindingConfig FromPath(string path) => new() { Path = path };
}

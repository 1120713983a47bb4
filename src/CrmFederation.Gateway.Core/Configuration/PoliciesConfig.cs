using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// <c>policies.json</c>: which scopes (declared in <c>access.json</c>) a caller needs to see each type
/// and field, which fields are personal data (for the audit), and who may introspect the schema and
/// read source internals in errors. The file is optional: without it every field is open.
/// </summary>
public sealed record PoliciesConfig
{
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    /// <summary>
    /// <c>"Type"</c> or <c>"Type.field"</c> to the scopes a caller needs, every one of them. A type's
    /// scopes apply at every field that returns the type.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public PersonalDataConfig? Personal { get; init; }

    /// <summary>Scopes that may introspect the schema and get "Did you mean" suggestions; any one of them is enough.</summary>
    public IReadOnlyList<string> Introspection { get; init; } = ["developer"];

    /// <summary>Scopes that see source internals (HTTP status, attempts, circuit) in errors; any one of them is enough.</summary>
    public IReadOnlyList<string> ErrorDetails { get; init; } = ["operator"];
}

/// <summary>The fields that hold personal data, and whose data it is: every request that returns one is audited.</summary>
public sealed record PersonalDataConfig
{
    /// <summary>The field naming the person or customer the data is about, as <c>"Type.field"</c> (e.g. <c>Customer.id</c>).</summary>
    public required string Subject { get; init; }

    /// <summary><c>"Type"</c> (all its fields) or <c>"Type.field"</c>.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>One file under <c>bindings/</c>: enum maps and per-type field bindings.</summary>
public sealed record BindingsFileConfig
{
    /// <summary>The editor hint <c>$schema</c>; ignored by the gateway.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    /// <summary>Named maps from a source's enum spelling to the GraphQL enum value (<c>MidMarket</c> → <c>MID_MARKET</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> EnumMaps { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public IReadOnlyDictionary<string, TypeBindingConfig> Types { get; init; } = new Dictionary<string, TypeBindingConfig>();

    /// <summary>The fields of the Mutation type, by name: what each writes, through which sources.</summary>
    public IReadOnlyDictionary<string, MutationConfig> Mutations { get; init; } = new Dictionary<string, MutationConfig>();
}

public sealed record TypeBindingConfig
{
    /// <summary>Labels cache entries fetched for this type's fields (and its own items) for purging, e.g. per customer.</summary>
    public CacheTagConfig? CacheTag { get; init; }

    [System.Text.Json.Serialization.JsonConverter(typeof(FieldBindingMapConverter))]
    public IReadOnlyDictionary<string, FieldBindingConfig> Fields { get; init; } = new Dictionary<string, FieldBindingConfig>();
}

/// <summary>A cache tag <c>{Name}:{value at Path}</c>, e.g. <c>customer:C-000001</c>.</summary>
public sealed record CacheTagConfig
{
    public string Name { get; init; } = "";

    public string Path { get; init; } = "";
}

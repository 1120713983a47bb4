using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>The rows of one type a role may see: those for which every predicate holds.</summary>
public sealed record RowPolicyConfig
{
    public IReadOnlyList<RowPredicateConfig> All { get; init; } = [];
}

/// <summary>
/// One test of a row against the caller's claims: the row's <see cref="Field"/> is one of the values
/// of the claim named by <see cref="InClaim"/> (a list, such as countries) or <see cref="EqualsClaim"/>
/// (a single value, such as an e-mail address).
/// </summary>
public sealed record RowPredicateConfig
{
    public string Field { get; init; } = "";

    public string? InClaim { get; init; }

    public string? EqualsClaim { get; init; }

    /// <summary>Compare without regard to case (e-mail addresses).</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>
    /// Properties that are no operator the gateway knows. Collected rather than refused by the reader,
    /// so a misspelt operator gets its own error with a suggestion instead of failing the whole file.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Unknown { get; init; } = [];
}

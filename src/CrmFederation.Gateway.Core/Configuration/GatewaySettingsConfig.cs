using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Gateway-wide settings from <c>gateway.json</c>.</summary>
public sealed record GatewaySettingsConfig
{
    /// <summary>The editor hint <c>$schema</c>; ignored by the gateway.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    public LimitsConfig Limits { get; init; } = new();

    public WritesConfig Writes { get; init; } = new();
}

/// <summary>What one GraphQL request may ask of the gateway; checked per request against the current snapshot.</summary>
public sealed record LimitsConfig
{
    public const int DefaultMaxSourceAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Levels of fields: <c>{ customer { billing { legalName } } }</c> is 3.</summary>
    public int MaxQueryDepth { get; init; } = 15;

    /// <summary>Fields one operation selects, each alias and each use of a fragment counted.</summary>
    public int MaxFieldCount { get; init; } = 1000;

    public int MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Source rows one request may read when the gateway filters or sorts a list itself (a row policy or a
    /// <c>where</c> the source cannot apply, an <c>order</c> it cannot sort by), across every scan of the
    /// request; past it the list fails with <c>FILTER_SCAN_LIMIT</c>.
    /// </summary>
    public int MaxScanRows { get; init; } = 10_000;

    /// <summary>Values one <c>in</c> of a <c>where</c> filter may list.</summary>
    public int MaxFilterValues { get; init; } = 100;

    /// <summary>Terms one <c>where</c> filter may have: each field, comparison, <c>and</c>, <c>or</c> and <c>not</c>.</summary>
    public int MaxFilterTerms { get; init; } = 100;

    /// <summary>Upstream calls the cost model estimates for one request, after batching, chunking and page walks.</summary>
    public int MaxUpstreamCalls { get; init; } = 50;

    /// <summary>Values the cost model estimates one response holds: each field of each row.</summary>
    public int MaxResultItems { get; init; } = 50_000;

    /// <summary>Bytes of one response body, counted while it is written.</summary>
    public int MaxResponseBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Cost limits that differ for callers of a role (access.json); a caller of several roles gets the most generous.</summary>
    public IReadOnlyDictionary<string, RoleLimitsConfig> ByRole { get; init; } = NoRoleLimits;

    /// <summary>One shared empty map, so that two configs without role limits are equal records.</summary>
    private static readonly IReadOnlyDictionary<string, RoleLimitsConfig> NoRoleLimits = new Dictionary<string, RoleLimitsConfig>();

    /// <summary>Largest answer read from a source, counted after decompression, unless the source sets its own.</summary>
    public int MaxSourceAnswerBytes { get; init; } = DefaultMaxSourceAnswerBytes;
}

/// <summary>The cost limits one role overrides; an absent one is the gateway-wide value.</summary>
public sealed record RoleLimitsConfig
{
    public int? MaxUpstreamCalls { get; init; }

    public int? MaxResultItems { get; init; }

    public int? MaxResponseBytes { get; init; }

    /// <summary>
    /// Rows one page of a list may hold for this role's callers (<c>first</c>) beyond the page binding's own
    /// max: the gateway reads the source's pages one after another to fill it (an analyst's export).
    /// </summary>
    public int? MaxPageSize { get; init; }
}

using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Gateway-wide settings from <c>gateway.json</c>.</summary>
public sealed record GatewaySettingsConfig
{
    /// <summary>The editor hint <c>$schema</c>; ignored by the gateway.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    public LimitsConfig Limits { get; init; } = new();
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

    /// <summary>Largest answer read from a source, counted after decompression, unless the source sets its own.</summary>
    public int MaxSourceAnswerBytes { get; init; } = DefaultMaxSourceAnswerBytes;
}

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

public sealed record LimitsConfig
{
    public int MaxQueryDepth { get; init; } = 12;

    public int MaxRequestBodyBytes { get; init; } = 1024 * 1024;
}

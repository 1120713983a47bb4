using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>One system of record: where it is, how to authenticate, and the endpoints bindings may use.</summary>
public sealed record SourceConfig
{
    /// <summary>The editor hint <c>$schema</c>; ignored by the gateway.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public ValueReference? BaseUrl { get; init; }

    public AuthConfig Auth { get; init; } = new();

    public int MaxBatchSize { get; init; } = 50;

    /// <summary>Deadline for one upstream call, all attempts included.</summary>
    public int TimeoutMs { get; init; } = 5000;

    public ResilienceConfig Resilience { get; init; } = new();

    /// <summary>Shared secret the source signs change notifications with (HMAC-SHA256); absent disables its webhook.</summary>
    public ValueReference? WebhookSecret { get; init; }

    public IReadOnlyDictionary<string, EndpointConfig> Endpoints { get; init; } = new Dictionary<string, EndpointConfig>();
}

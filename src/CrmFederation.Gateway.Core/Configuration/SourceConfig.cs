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

    /// <summary>Largest answer read from this source, counted after decompression; absent: <c>limits.maxSourceAnswerBytes</c> of gateway.json.</summary>
    public int? MaxAnswerBytes { get; init; }

    /// <summary>The Content-Encodings the source may compress answers with (<c>gzip</c>, <c>br</c>, <c>deflate</c>); none by default.</summary>
    public IReadOnlyList<string> ContentEncodings { get; init; } = [];

    /// <summary>How the source reports errors inside HTTP 200 answers; an endpoint may declare its own.</summary>
    public EnvelopeConfig? Envelope { get; init; }

    /// <summary>Shared secret the source signs change notifications with (HMAC-SHA256); absent disables its webhook.</summary>
    public ValueReference? WebhookSecret { get; init; }

    public IReadOnlyDictionary<string, EndpointConfig> Endpoints { get; init; } = new Dictionary<string, EndpointConfig>();

    /// <summary>The endpoints that change items of the read endpoints; none means the source is read-only.</summary>
    public IReadOnlyDictionary<string, WriteEndpointConfig> Writes { get; init; } = new Dictionary<string, WriteEndpointConfig>();
}

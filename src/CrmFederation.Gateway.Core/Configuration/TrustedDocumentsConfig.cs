using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// <c>trusted-documents.json</c>: the operations roles with <c>"trustedDocuments": "enforce"</c> may
/// run, by name, each with the SHA-256 clients send for it. Optional; any role may run them by hash.
/// </summary>
public sealed record TrustedDocumentsConfig
{
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    public IReadOnlyDictionary<string, TrustedDocumentConfig> Documents { get; init; } = new Dictionary<string, TrustedDocumentConfig>();
}

/// <summary>One trusted operation: its GraphQL text, exactly as clients send it, and that text's SHA-256 (hex).</summary>
public sealed record TrustedDocumentConfig
{
    public required string Sha256 { get; init; }

    public required string Document { get; init; }
}

namespace CrmFederation.Gateway.Sources;

/// <summary>One system of record as the gateway calls it, compiled and validated from gateway-config.</summary>
public sealed class SourceDefinition
{
    public required string Name { get; init; }

    public required Uri BaseUri { get; init; }

    public required SourceAuthentication Authentication { get; init; }

    public required TimeSpan Timeout { get; init; }

    public Configuration.ResilienceConfig Resilience { get; init; } = new();

    /// <summary>Largest answer read, counted after decompression; a larger one fails the call and is never kept.</summary>
    public int MaxAnswerBytes { get; init; } = Configuration.LimitsConfig.DefaultMaxSourceAnswerBytes;

    /// <summary>The Content-Encodings (see <see cref="ContentCoding"/>) the gateway asks for and undoes; any other fails the call.</summary>
    public IReadOnlyList<string> ContentEncodings { get; init; } = [];

    /// <summary>
    /// A hash of the identity the gateway calls this source as. Cache keys include it, so entries
    /// fetched with one tenant's credentials are never read with another's.
    /// </summary>
    public string CredentialScope { get; init; } = "anonymous";

    /// <summary>The secret change notifications must be signed with; null when the source has no webhook.</summary>
    public Secret? WebhookSecret { get; init; }

    public IReadOnlyDictionary<string, EndpointDefinition> Endpoints { get; set; } = new Dictionary<string, EndpointDefinition>();

    /// <summary>The endpoints that change items of <see cref="Endpoints"/>, by name.</summary>
    public IReadOnlyDictionary<string, WriteEndpointDefinition> Writes { get; set; } = new Dictionary<string, WriteEndpointDefinition>();

    /// <summary>True when <paramref name="uri"/> is on this source's origin, so credentials may be sent to it.</summary>
    public bool IsSameOrigin(Uri uri) =>
        Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}

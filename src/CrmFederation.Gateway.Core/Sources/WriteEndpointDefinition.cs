namespace CrmFederation.Gateway.Sources;

/// <summary>A source endpoint that changes the items of a read endpoint, compiled from gateway-config.</summary>
public sealed class WriteEndpointDefinition
{
    public required string Name { get; init; }

    /// <summary>The read endpoint whose items it changes; its source is this endpoint's source.</summary>
    public required EndpointDefinition Updates { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>The path, with <see cref="EndpointDefinition.KeyPlaceholder"/> where the item's key goes.</summary>
    public required string Path { get; init; }

    /// <summary>Where the key is in an item of <see cref="Updates"/>.</summary>
    public required JsonPath Key { get; init; }

    /// <summary>Sending the same body again is harmless, so a write that may have reached the source can be retried.</summary>
    public bool Idempotent { get; init; }

    public JsonPath? RejectedField { get; init; }

    public JsonPath? RejectionMessage { get; init; }

    public SourceDefinition Source => Updates.Source;

    public string DisplayName => $"{Source.Name}.{Name}";

    public Uri UriFor(string key) =>
        new(Source.BaseUri.AbsoluteUri.TrimEnd('/') + Path.Replace(EndpointDefinition.KeyPlaceholder, Uri.EscapeDataString(key), StringComparison.Ordinal), UriKind.Absolute);
}

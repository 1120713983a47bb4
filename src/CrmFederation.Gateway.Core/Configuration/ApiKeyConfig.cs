namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// One API key as its secret lists it: a name for logs, audit and rate limits; the SHA-256 of the key
/// (hex); the roles it holds; optionally an expiry and claims for row policies (e.g. countries).
/// </summary>
public sealed record ApiKeyConfig
{
    public required string Name { get; init; }

    public required string Sha256 { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Claims { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

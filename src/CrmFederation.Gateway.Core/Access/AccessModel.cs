using System.Collections.Frozen;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The compiled <c>access.json</c>: known scopes, each role's scopes, how callers authenticate (API keys,
/// JWT settings) and the role of callers without credentials, if they are let in at all.
/// </summary>
public sealed class AccessModel(
    FrozenSet<string> scopes,
    FrozenDictionary<string, FrozenSet<string>> roles,
    ApiKeyRegistry apiKeys,
    JwtSettings? jwt = null,
    string? anonymousRole = null)
{
    public static AccessModel Empty { get; } = new(FrozenSet<string>.Empty, FrozenDictionary<string, FrozenSet<string>>.Empty, ApiKeyRegistry.Empty);

    public ApiKeyRegistry ApiKeys { get; } = apiKeys;

    public FrozenSet<string> Scopes { get; } = scopes;

    public FrozenDictionary<string, FrozenSet<string>> Roles { get; } = roles;

    /// <summary>Null when access.json configures no JWT: every bearer token is then refused.</summary>
    public JwtSettings? Jwt { get; } = jwt;

    /// <summary>Null (the default) when a caller without credentials gets 401.</summary>
    public string? AnonymousRole { get; } = anonymousRole;

    /// <summary>Every scope the given roles grant; unknown role names grant nothing.</summary>
    public IEnumerable<string> ScopesOf(IEnumerable<string> roleNames) =>
        roleNames.SelectMany(role => Roles.TryGetValue(role, out var granted) ? granted : FrozenSet<string>.Empty).Distinct(StringComparer.Ordinal);
}

using System.Collections.Frozen;

namespace CrmFederation.Gateway.Access;

/// <summary>The compiled <c>access.json</c>: known scopes, each role's scopes, the API keys.</summary>
public sealed class AccessModel(FrozenSet<string> scopes, FrozenDictionary<string, FrozenSet<string>> roles, ApiKeyRegistry apiKeys)
{
    public static AccessModel Empty { get; } = new(FrozenSet<string>.Empty, FrozenDictionary<string, FrozenSet<string>>.Empty, ApiKeyRegistry.Empty);

    public ApiKeyRegistry ApiKeys { get; } = apiKeys;

    public FrozenSet<string> Scopes { get; } = scopes;

    public FrozenDictionary<string, FrozenSet<string>> Roles { get; } = roles;

    /// <summary>Every scope the given roles grant; unknown role names grant nothing.</summary>
    public IEnumerable<string> ScopesOf(IEnumerable<string> roleNames) =>
        roleNames.SelectMany(role => Roles.TryGetValue(role, out var granted) ? granted : FrozenSet<string>.Empty).Distinct(StringComparer.Ordinal);
}

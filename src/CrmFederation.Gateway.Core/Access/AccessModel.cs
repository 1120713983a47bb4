using System.Collections.Frozen;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The compiled <c>access.json</c> (known scopes, each role's scopes and limits, how callers authenticate:
/// API keys, JWT settings, the role of callers without credentials if they are let in at all) and
/// <c>trusted-documents.json</c>. Role names not declared here grant nothing and limit nothing.
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

    /// <summary>Each role's request budget per client; roles without one are absent.</summary>
    public FrozenDictionary<string, ClientRateLimit> RateLimits { get; init; } = FrozenDictionary<string, ClientRateLimit>.Empty;

    /// <summary>The roles whose callers may run trusted documents only.</summary>
    public FrozenSet<string> TrustedDocumentRoles { get; init; } = FrozenSet<string>.Empty;

    public TrustedDocumentRegistry TrustedDocuments { get; init; } = TrustedDocumentRegistry.Empty;

    /// <summary>Null when access.json configures no JWT: every bearer token is then refused.</summary>
    public JwtSettings? Jwt { get; } = jwt;

    /// <summary>Null (the default) when a caller without credentials gets 401.</summary>
    public string? AnonymousRole { get; } = anonymousRole;

    /// <summary>Every scope the given roles grant; unknown role names grant nothing.</summary>
    public IEnumerable<string> ScopesOf(IEnumerable<string> roleNames) =>
        roleNames.SelectMany(role => Roles.TryGetValue(role, out var granted) ? granted : FrozenSet<string>.Empty).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The budget of a caller holding <paramref name="roleNames"/>: the most generous of its roles'. Null (no
    /// limit) when it holds no declared role, or one that sets no limit.
    /// </summary>
    public ClientRateLimit? RateLimitOf(IEnumerable<string> roleNames)
    {
        ClientRateLimit? budget = null;
        foreach (var role in roleNames.Where(Roles.ContainsKey))
        {
            if (!RateLimits.TryGetValue(role, out var limit))
            {
                return null;
            }

            budget = budget is null ? limit : ClientRateLimit.MostGenerous(budget, limit);
        }

        return budget;
    }

    /// <summary>True when the caller holds a declared role and every declared role it holds enforces trusted documents.</summary>
    public bool RequiresTrustedDocuments(IEnumerable<string> roleNames)
    {
        var any = false;
        foreach (var role in roleNames.Where(Roles.ContainsKey))
        {
            if (!TrustedDocumentRoles.Contains(role))
            {
                return false;
            }

            any = true;
        }

        return any;
    }
}

using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// <c>access.json</c>: the scopes the gateway knows and the roles clients are given. A scope names
/// one kind of access (personal data, finance, …); a role is a named set of scopes. Authentication
/// gives each caller roles (and, from a JWT, scopes of its own); policies elsewhere name scopes.
/// </summary>
public sealed record AccessConfig
{
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; init; }

    /// <summary>Scope name to what it grants, for people reading the config and the docs.</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, RoleConfig> Roles { get; init; } = new Dictionary<string, RoleConfig>();

    public AuthenticationConfig Authentication { get; init; } = new();
}

/// <summary>How callers prove who they are.</summary>
public sealed record AuthenticationConfig
{
    /// <summary>
    /// The API keys (<c>X-Api-Key</c>), as a JSON array of <see cref="ApiKeyConfig"/> held in a secret
    /// (environment variable or file): only hashes, never the keys.
    /// </summary>
    public ValueReference? ApiKeys { get; init; }

    /// <summary>JWT bearer tokens (<c>Authorization: Bearer</c>) from an identity provider; off when absent.</summary>
    public JwtConfig? Jwt { get; init; }

    /// <summary>What a caller without credentials may do; absent (the default), such a caller gets 401.</summary>
    public AnonymousConfig? Anonymous { get; init; }
}

/// <summary>Callers without credentials are let in with one role, which should grant little.</summary>
public sealed record AnonymousConfig
{
    public required string Role { get; init; }
}

/// <summary>One role: who it is for, the scopes it grants, per type the only rows it may see, and the limits its callers work within.</summary>
public sealed record RoleConfig
{
    public const string AnyDocument = "any";

    public const string EnforceTrustedDocuments = "enforce";

    public string? Description { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Type name (<c>Customer</c>) to the rows of that type the role may see; a type not named here is not restricted.</summary>
    public IReadOnlyDictionary<string, RowPolicyConfig> Rows { get; init; } = new Dictionary<string, RowPolicyConfig>();

    /// <summary>Requests per client holding the role; none means the role sets no limit.</summary>
    public RateLimitConfig? RateLimit { get; init; }

    /// <summary>
    /// <see cref="EnforceTrustedDocuments"/>: its callers run only the operations of <c>trusted-documents.json</c>
    /// (front-end apps); <see cref="AnyDocument"/> (the default): any document (analysts, tools).
    /// </summary>
    public string TrustedDocuments { get; init; } = AnyDocument;
}

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// How JWT bearer tokens are checked: who issues them, for which audience, and where the signing keys
/// come from, either the issuer's JWKS URL or one configured key; plus which claims carry roles and scopes.
/// </summary>
public sealed record JwtConfig
{
    /// <summary>The exact <c>iss</c> a token must carry; not a secret, so a default is allowed.</summary>
    public ValueReference? Issuer { get; init; }

    /// <summary>The <c>aud</c> a token must name; not a secret, so a default is allowed.</summary>
    public ValueReference? Audience { get; init; }

    /// <summary>The issuer's JSON Web Key Set (https, or http on loopback only); not with <see cref="SigningKey"/>.</summary>
    public ValueReference? JwksUrl { get; init; }

    /// <summary>A secret: a base64 symmetric key (HS256/384/512) or a PEM public key (RSA or EC); not with <see cref="JwksUrl"/>.</summary>
    public ValueReference? SigningKey { get; init; }

    public int ClockSkewSeconds { get; init; } = 60;

    public string RolesClaim { get; init; } = "roles";

    public string ScopeClaim { get; init; } = "scope";
}

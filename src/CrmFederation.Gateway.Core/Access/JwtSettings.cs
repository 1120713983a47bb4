using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The compiled JWT settings of one config snapshot. The signing keys are either one configured key or
/// the issuer's JWKS, which <see cref="Jwks"/> caches and refetches.
/// </summary>
public sealed record JwtSettings(
    string Issuer,
    string Audience,
    TimeSpan ClockSkew,
    string RolesClaim,
    string ScopeClaim,
    SecurityKey? SigningKey,
    JwksKeySource? Jwks,
    IReadOnlyList<string> Algorithms)
{
    /// <summary>What a token must satisfy. Algorithms are pinned to the key type, so an HMAC token can never be checked against a public key.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ClockSkew = ClockSkew,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = Algorithms,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };
}

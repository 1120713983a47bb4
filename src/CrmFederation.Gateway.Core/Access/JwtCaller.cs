using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Turns a validated token's claims into the caller every scheme hands on: the name is <c>sub</c>; roles
/// access.json does not declare are ignored (an identity provider serves many applications); scopes are
/// those of the roles plus the token's own that access.json declares; other claims (countries, email)
/// are kept for row policies, except those describing the token itself (iss, aud, exp, …).
/// </summary>
public static class JwtCaller
{
    private static readonly FrozenSet<string> TokenClaims = FrozenSet.Create(
        StringComparer.Ordinal,
        JwtRegisteredClaimNames.Iss, JwtRegisteredClaimNames.Aud, JwtRegisteredClaimNames.Exp, JwtRegisteredClaimNames.Nbf,
        JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Jti, JwtRegisteredClaimNames.Azp);

    /// <summary>The caller, or null for a token without a subject: audit and rate limits need a name.</summary>
    public static ClaimsPrincipal? From(ClaimsPrincipal token, JwtSettings jwt, AccessModel access)
    {
        if (token.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        var roles = token.FindAll(jwt.RolesClaim).Select(c => c.Value).Where(access.Roles.ContainsKey).Distinct(StringComparer.Ordinal).ToList();

        // A scope claim is a space-separated string (RFC 8693 §4.2) or, from some providers, an array of them.
        var ownScopes = token.FindAll(jwt.ScopeClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(access.Scopes.Contains);
        var claims = token.Claims.Where(c => !CallerClaims.Reserved.Contains(c.Type) && !TokenClaims.Contains(c.Type) && c.Type != jwt.RolesClaim && c.Type != jwt.ScopeClaim);
        return CallerClaims.Principal(JwtBearerDefaults.AuthenticationScheme, subject, roles, access.ScopesOf(roles).Union(ownScopes, StringComparer.Ordinal), claims);
    }
}

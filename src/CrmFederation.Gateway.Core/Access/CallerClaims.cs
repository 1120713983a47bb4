using System.Security.Claims;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The claims every authenticated caller carries, whatever proved its identity (API key or JWT):
/// its name, its roles, and its scopes — those its roles grant plus any its token grants directly,
/// one claim each. Policies read scopes only; other claims (countries, email) feed row policies.
/// </summary>
public static class CallerClaims
{
    public const string Name = ClaimTypes.Name;

    public const string Role = ClaimTypes.Role;

    public const string Scope = "scope";

    public static bool HasScope(this ClaimsPrincipal caller, string scope) => caller.HasClaim(Scope, scope);

    public static IEnumerable<string> Scopes(this ClaimsPrincipal caller) => caller.FindAll(Scope).Select(c => c.Value);

    public static IEnumerable<string> Roles(this ClaimsPrincipal caller) => caller.FindAll(Role).Select(c => c.Value);

    /// <summary>The name audit records and rate limits use: an API key's name or a JWT's subject.</summary>
    public static string? ClientName(this ClaimsPrincipal caller) => caller.FindFirst(Name)?.Value;
}

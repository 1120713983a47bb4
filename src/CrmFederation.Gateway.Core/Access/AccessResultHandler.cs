using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Answers requests the authorization middleware refuses: 401 saying whether credentials were missing,
/// invalid or expired (the schemes' own failure, cached for the request), 403 naming the scope required.
/// </summary>
public sealed class AccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await AccessRefusal.WriteUnauthenticatedAsync(context, CredentialProblem.Of(await context.AuthenticateAsync()));
        }
        else if (authorizeResult.Forbidden)
        {
            var scopes = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ClaimsAuthorizationRequirement>()
                .Where(r => r.ClaimType == CallerClaims.Scope)
                .SelectMany(r => r.AllowedValues ?? [])
                .ToList() ?? [];
            await AccessRefusal.WriteForbiddenAsync(context, scopes.Count > 0
                ? $"This endpoint requires the {string.Join(" or ", scopes)} scope."
                : "The caller may not use this endpoint.");
        }
        else
        {
            await next(context);
        }
    }
}

using CrmFederation.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Client authentication (API keys, JWT bearer tokens, anonymous where access.json allows it), chosen
    /// per request by the credential it carries, and authorization with GraphQL-shaped 401 and 403 answers.
    /// </summary>
    public static IServiceCollection AddGatewayAccess(this IServiceCollection services)
    {
        services.AddAuthentication(CallerScheme.Name)
            .AddPolicyScheme(CallerScheme.Name, "API key, bearer token or none", options => options.ForwardDefaultSelector = CallerScheme.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, AnonymousAuthenticationHandler>(AnonymousAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
        services.AddSingleton<IOptionsChangeTokenSource<JwtBearerOptions>>(provider =>
            new SnapshotChangeTokenSource<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, provider.GetRequiredService<GatewaySnapshotHolder>()));
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(CallerClaims.Scope, AccessPolicies.AdminScope));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        return services;
    }
}

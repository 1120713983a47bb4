using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Client authentication (API keys) and authorization; the GraphQL endpoint requires an authenticated caller.</summary>
    public static IServiceCollection AddGatewayAccess(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }
}

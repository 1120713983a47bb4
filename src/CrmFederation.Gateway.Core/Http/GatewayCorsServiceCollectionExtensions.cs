using CrmFederation.Gateway.Access;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Http;

public static class GatewayCorsServiceCollectionExtensions
{
    public const string PolicyName = "graphql";

    /// <summary>
    /// ASP.NET Core's CORS with one policy for the GraphQL endpoint (<c>RequireCors(PolicyName)</c>): the
    /// origins of <see cref="CorsSettings"/>, GET and POST, and the headers a GraphQL client sends (JSON,
    /// credentials, the CSRF guard's headers). Its middleware answers preflights itself, before
    /// authentication and before the endpoint, which would refuse OPTIONS with 405.
    /// </summary>
    public static IServiceCollection AddGatewayCors(this IServiceCollection services)
    {
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>());
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>, IOptions<GraphQLHttpOptions>>((cors, settings, http) =>
            cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins([.. settings.Value.AllowedOrigins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders([HeaderNames.ContentType, HeaderNames.Authorization, ApiKeyAuthenticationHandler.HeaderName, .. http.Value.RequiredCsrfHeaders])
                .WithExposedHeaders(HeaderNames.RetryAfter)
                .SetPreflightMaxAge(TimeSpan.FromSeconds(settings.Value.PreflightMaxAgeSeconds))));
        return services;
    }
}

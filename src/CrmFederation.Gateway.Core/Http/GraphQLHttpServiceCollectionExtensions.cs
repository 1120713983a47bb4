using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Http;

public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL-over-HTTP endpoint's services; map it with
    /// <see cref="GraphQLHttpEndpointRouteBuilderExtensions.MapGraphQL"/>. The app registers GraphQL.NET
    /// itself (<c>AddGraphQL(b => b.AddSystemTextJson()…)</c>), including what supplies the schema.
    /// Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GraphQLHttpOptions>()
            .Validate(HasUsableCsrfHeaders, "With CsrfProtection on, RequiredCsrfHeaders must name at least one header, and no blank ones.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLHttpOptions>, GraphQLHttpOptionsValidator>());
        services.TryAddSingleton<IRequestBodyLimit, OptionsRequestBodyLimit>();
        services.TryAddSingleton<IResponseBodyLimit, NoResponseBodyLimit>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        return services;
    }

    private static bool HasUsableCsrfHeaders(GraphQLHttpOptions options) =>
        !options.CsrfProtection
        || (options.RequiredCsrfHeaders is { Count: > 0 } headers && headers.All(header => !string.IsNullOrWhiteSpace(header)));
}

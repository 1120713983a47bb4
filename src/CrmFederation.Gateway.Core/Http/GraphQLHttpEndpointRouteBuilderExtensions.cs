using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Http;

public static class GraphQLHttpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves GraphQL over HTTP at <paramref name="pattern"/>: POST (application/json) for everything,
    /// GET for queries. The endpoint accepts every HTTP method so that it, not routing, answers the
    /// others with a GraphQL-shaped 405. Chain <c>RequireCors</c>, <c>RequireAuthorization</c> and
    /// the like on the returned builder.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var handler = endpoints.ServiceProvider.GetService<GraphQLHttpHandler>()
            ?? throw new InvalidOperationException(
                $"Call services.{nameof(GraphQLHttpServiceCollectionExtensions.AddGraphQLHttp)}() before mapping the GraphQL endpoint.");
        RequestDelegate handle = handler.HandleAsync;
        return endpoints.Map(pattern, handle).WithDisplayName($"GraphQL {pattern}");
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmFederation.Gateway.BrowserPages;

/// <summary>
/// The browser pages: the GraphQL IDE (GraphiQL) at the GraphQL route for requests that prefer HTML,
/// the admin console, and their assets. The pages hold no data and need no credentials; the calls they
/// make carry the credential the user enters, and the endpoints they call check it as usual.
/// </summary>
public static class BrowserPageEndpoints
{
    public const string ConsolePath = "/admin/console";

    /// <summary>Where the built assets are served; the front-end build's <c>base</c> (vite.config.js) names the same path.</summary>
    public const string AssetsPath = "/ui";

    public static IServiceCollection AddBrowserPages(this IServiceCollection services)
    {
        services.AddSingleton<PageAssets>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, HtmlPreferredMatcherPolicy>());
        return services;
    }

    /// <summary>Maps the pages; <paramref name="graphQLPattern"/> is the GraphQL endpoint's route, where the IDE is served to browsers.</summary>
    public static IEndpointRouteBuilder MapBrowserPages(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string graphQLPattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Order -1: where both the IDE and the GraphQL endpoint remain candidates (the browser prefers HTML), the IDE wins.
        endpoints.MapMethods(graphQLPattern, [HttpMethods.Get, HttpMethods.Head], Page("ide.html"))
            .WithMetadata(new HtmlPageMetadata())
            .WithOrder(-1)
            .WithDisplayName("GraphQL IDE");
        endpoints.MapMethods(ConsolePath, [HttpMethods.Get, HttpMethods.Head], Page("console.html")).WithDisplayName("Admin console");
        endpoints.MapMethods(AssetsPath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsset).WithDisplayName("Browser page assets");
        return endpoints;
    }

    private static RequestDelegate Page(string fileName) => context =>
        PageHeaders.WriteAsync(context, context.RequestServices.GetRequiredService<PageAssets>().Page(fileName), PageHeaders.PageCaching);

    private static Task ServeAsset(HttpContext context)
    {
        var path = context.Request.RouteValues["path"] as string ?? "";
        if (!path.StartsWith("assets/", StringComparison.Ordinal) || context.RequestServices.GetRequiredService<PageAssets>().Find(path) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return PageHeaders.WriteAsync(context, asset, PageHeaders.HashedAssetCaching);
    }
}

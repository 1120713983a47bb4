using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace CrmFederation.Gateway.BrowserPages;

/// <summary>
/// Lets an HTML page share a route with an API (the IDE at <c>GET /graphql</c>): the page's endpoint is a
/// candidate only when the request's Accept header prefers <c>text/html</c>, so GraphQL-over-HTTP requests
/// reach the GraphQL endpoint, with its authorization, exactly as before. Routing rather than a
/// middleware, so that each endpoint keeps its own metadata (the page needs no credentials).
/// </summary>
internal sealed class HtmlPreferredMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<HtmlPageMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (AcceptNegotiator.PrefersHtml(httpContext.Request.Headers.Accept))
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint.Metadata.GetMetadata<HtmlPageMetadata>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}

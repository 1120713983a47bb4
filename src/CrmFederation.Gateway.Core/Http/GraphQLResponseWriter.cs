using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Http;

/// <summary>Writes GraphQL-shaped responses: the endpoint's, and errors of middleware in front of it (the rate limiter).</summary>
public static class GraphQLResponseWriter
{
    /// <summary>
    /// One error as a GraphQL response, in the media type the caller accepts (JSON when it accepts neither:
    /// a refusal is worth reading even by a client that asked for something else).
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, GraphQLHttpError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mediaType = AcceptNegotiator.Select(context.Request.Headers.Accept) ?? ResponseMediaType.Json;
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        return WriteAsync(context, serializer, mediaType, error.StatusCode, error.Allow, new ExecutionResult { Errors = [error] });
    }

    internal static Task WriteAsync(HttpContext context, IGraphQLSerializer serializer, ResponseMediaType mediaType, int status, string? allow, ExecutionResult result)
    {
        SetHead(context.Response, mediaType, status, allow);
        return serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    internal static void SetHead(HttpResponse response, ResponseMediaType mediaType, int status, string? allow)
    {
        response.StatusCode = status;
        response.ContentType = mediaType.ContentType;
        if (allow is not null)
        {
            response.Headers.Allow = allow;
        }
    }
}

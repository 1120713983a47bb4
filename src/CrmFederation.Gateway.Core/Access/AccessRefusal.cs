using System.Text.Json;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Writes 401 and 403 as GraphQL-shaped errors (the one error shape clients read), in the media type the
/// request accepts. A 401 challenges for both schemes; the Bearer challenge carries RFC 6750's
/// <c>invalid_token</c> only when a bearer token was sent and refused.
/// </summary>
public static class AccessRefusal
{
    public const string UnauthenticatedCode = "UNAUTHENTICATED";

    public const string ForbiddenCode = "FORBIDDEN";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteUnauthenticatedAsync(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.Append(HeaderNames.WWWAuthenticate, BearerChallenge(context.Request, reason));
        response.Headers.Append(HeaderNames.WWWAuthenticate, $"ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\"");
        return WriteAsync(context, CredentialProblem.Message(reason), new { code = UnauthenticatedCode, reason });
    }

    public static Task WriteForbiddenAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context, message, new { code = ForbiddenCode });
    }

    private static string BearerChallenge(HttpRequest request, string reason)
    {
        var bearerRefused = reason != CredentialProblem.Missing
            && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearerRefused)
        {
            return "Bearer";
        }

        var description = reason == CredentialProblem.Expired ? "The access token expired." : "The access token is invalid.";
        return $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
    }

    private static Task WriteAsync(HttpContext context, string message, object extensions)
    {
        var mediaType = AcceptNegotiator.Select(context.Request.Headers.Accept) ?? ResponseMediaType.Json;
        context.Response.ContentType = mediaType.ContentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, new { errors = new[] { new { message, extensions } } }, Json, context.RequestAborted);
    }
}

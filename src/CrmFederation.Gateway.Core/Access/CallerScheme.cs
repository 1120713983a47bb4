using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The default authentication scheme: it forwards to the scheme of the credential the request carries,
/// an API key, a bearer token, or none (anonymous). A request with both is the API key scheme's to refuse.
/// </summary>
public static class CallerScheme
{
    public const string Name = "Caller";

    public static string Select(HttpContext context)
    {
        var headers = context.Request.Headers;
        return headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName
            : headers.ContainsKey(HeaderNames.Authorization) ? JwtBearerDefaults.AuthenticationScheme
            : AnonymousAuthenticationHandler.SchemeName;
    }
}

using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Cross-site request forgery guard, as graphql-dotnet/server's and Apollo Server's: a request a
/// browser may send cross-site without a CORS preflight must carry a non-empty header from a list,
/// which a browser only sends after a preflight the CORS policy allowed. Those requests are every
/// GET and every POST with a "simple" content type; a POST of application/json always triggers a
/// preflight, so it needs no header, and one without a content type is refused for that (415).
/// </summary>
internal sealed class CsrfGuard(GraphQLHttpOptions options)
{
    private static readonly string[] SimpleContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    private readonly bool _enabled = options.CsrfProtection;
    private readonly string[] _headers = [.. options.RequiredCsrfHeaders];

    public IReadOnlyList<string> Headers => _headers;

    public bool Allows(HttpRequest request)
    {
        if (!_enabled || !CanSkipPreflight(request))
        {
            return true;
        }

        foreach (var header in _headers)
        {
            foreach (var value in request.Headers[header])
            {
                if (!string.IsNullOrEmpty(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool CanSkipPreflight(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return true;
        }

        var contentType = request.ContentType.AsSpan();
        var parameters = contentType.IndexOf(';');
        var mediaType = (parameters >= 0 ? contentType[..parameters] : contentType).Trim();
        if (mediaType.IsEmpty)
        {
            // Never executed either way: the request reader answers 415 naming the missing Content-Type,
            // which tells the caller more than a demand for a CSRF header would.
            return false;
        }

        foreach (var simple in SimpleContentTypes)
        {
            if (mediaType.Equals(simple, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

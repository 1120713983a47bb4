using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.BrowserPages;

/// <summary>How the browser pages and their assets are answered: security headers, caching and conditional GETs.</summary>
internal static class PageHeaders
{
    /// <summary>
    /// Only the gateway's own scripts, styles, fonts and workers; calls only to the gateway; no framing.
    /// Styles allow inline because the editor (Monaco) sets its theme and layout through style elements it creates.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Pages are revalidated every time, so a new gateway version is picked up at once.</summary>
    public const string PageCaching = "no-cache";

    /// <summary>Assets are named by their content's hash: a changed asset is a new name.</summary>
    public const string HashedAssetCaching = "public, max-age=31536000, immutable";

    public static Task WriteAsync(HttpContext context, PageAsset asset, string cacheControl)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cacheControl;
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}

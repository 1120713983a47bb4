namespace CrmFederation.SampleSystems.Commerce;

/// <summary>The platform's access token, sent as <c>X-Shopify-Access-Token</c> (no standard scheme, so no challenge header).</summary>
internal static class CommerceAuth
{
    public static bool IsAuthorized(HttpRequest request) =>
        request.Headers.TryGetValue("X-Shopify-Access-Token", out var token)
        && token.Count == 1
        && string.Equals(token[0], SampleCredentials.CommerceToken, StringComparison.Ordinal);
}

namespace CrmFederation.SampleSystems.Http;

/// <summary>Reads <c>Authorization: &lt;scheme&gt; &lt;credentials&gt;</c> without allocating.</summary>
internal static class AuthorizationHeader
{
    public static bool TryGetCredentials(HttpRequest request, string scheme, out ReadOnlySpan<char> credentials)
    {
        credentials = default;
        var headers = request.Headers.Authorization;
        if (headers.Count != 1)
        {
            return false;
        }

        ReadOnlySpan<char> value = headers[0];
        if (value.Length <= scheme.Length + 1
            || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            || value[scheme.Length] != ' ')
        {
            return false;
        }

        credentials = value[(scheme.Length + 1)..].Trim();
        return !credentials.IsEmpty;
    }
}

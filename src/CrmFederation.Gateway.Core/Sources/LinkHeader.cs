using System.Net.Http.Headers;

namespace CrmFederation.Gateway.Sources;

/// <summary>Reads the <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header.</summary>
public static class LinkHeader
{
    public static string? FindNext(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (var link in value.Split(','))
            {
                var open = link.IndexOf('<', StringComparison.Ordinal);
                var close = link.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }

                var parameters = link[(close + 1)..];
                if (parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase) ||
                    parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
                {
                    return link[(open + 1)..close].Trim();
                }
            }
        }

        return null;
    }
}

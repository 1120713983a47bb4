using System.Net.Http.Headers;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Reads the <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header. Targets are read between
/// <c>&lt;</c> and <c>&gt;</c>, so a comma inside a URL does not split it.
/// </summary>
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
            if (FindNext(value) is { } next)
            {
                return next;
            }
        }

        return null;
    }

    public static string? FindNext(string value)
    {
        var position = 0;
        while (position < value.Length)
        {
            var open = value.IndexOf('<', position);
            if (open < 0)
            {
                return null;
            }

            var close = value.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            var nextLink = value.IndexOf('<', close + 1);
            var parameters = nextLink < 0 ? value[(close + 1)..] : value[(close + 1)..nextLink];
            if (parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase) ||
                parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
            {
                return value[(open + 1)..close].Trim();
            }

            position = nextLink < 0 ? value.Length : nextLink;
        }

        return null;
    }
}

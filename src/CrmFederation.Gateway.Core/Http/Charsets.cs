using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Http;

/// <summary>The endpoint reads and writes UTF-8 only; this recognises it in a header parameter.</summary>
internal static class Charsets
{
    public static bool IsUtf8(StringSegment charset)
    {
        var value = HeaderUtilities.RemoveQuotes(charset);
        return value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || value.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Text;

namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// Absolute URLs for paging links, built from the request's own scheme and host so they point back at
/// whatever port the system was bound to.
/// </summary>
internal static class RequestUrls
{
    /// <summary>This request's URL with <paramref name="parameter"/> set to <paramref name="value"/> and every other parameter kept.</summary>
    public static string WithParameter(HttpRequest request, string parameter, string value)
    {
        var url = Base(request);
        var separator = '?';
        foreach (var (key, values) in request.Query)
        {
            if (string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var item in values)
            {
                Append(url, ref separator, key, item ?? string.Empty);
            }
        }

        Append(url, ref separator, parameter, value);
        return url.ToString();
    }

    /// <summary>This request's path with only the given parameters.</summary>
    public static string WithOnly(HttpRequest request, params ReadOnlySpan<(string Key, string Value)> parameters)
    {
        var url = Base(request);
        var separator = '?';
        foreach (var (key, value) in parameters)
        {
            Append(url, ref separator, key, value);
        }

        return url.ToString();
    }

    private static StringBuilder Base(HttpRequest request) =>
        new StringBuilder(256).Append(request.Scheme).Append("://").Append(request.Host.Value)
            .Append(request.PathBase.Value).Append(request.Path.Value);

    private static void Append(StringBuilder url, ref char separator, string key, string value)
    {
        url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(EscapeKeepingCommas(value));
        separator = '&';
    }

    /// <summary>Commas stay readable in list parameters ("ids=1,2"); everything else is percent-encoded.</summary>
    private static string EscapeKeepingCommas(string value) => Uri.EscapeDataString(value).Replace("%2C", ",", StringComparison.Ordinal);
}

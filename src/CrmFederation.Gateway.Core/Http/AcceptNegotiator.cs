using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Picks the response media type from the <c>Accept</c> header (RFC 9110 §12.5.1): each type gets the
/// quality of the most specific range that matches it; the highest quality wins, then the type named
/// by the more specific range, then the range listed first, then the server's preference
/// (<see cref="ResponseMediaType.All"/>: <c>application/json</c>). With no Accept header, as the spec asks, <c>application/json</c>.
/// </summary>
internal static class AcceptNegotiator
{
    private static readonly (ResponseMediaType Type, MediaTypeHeaderValue Parsed)[] Candidates =
        [.. ResponseMediaType.All.Select(type => (type, MediaTypeHeaderValue.Parse(type.MediaType)))];

    private static readonly MediaTypeHeaderValue Html = MediaTypeHeaderValue.Parse("text/html");

    /// <summary>The type to answer with, or null when the header rules out every type we produce (406).</summary>
    public static ResponseMediaType? Select(StringValues accept)
    {
        // A header we cannot parse is disregarded, which RFC 9110 allows, rather than failing the request.
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return ResponseMediaType.Json;
        }

        return Best(ranges).Type;
    }

    /// <summary>
    /// True when the header ranks <c>text/html</c> above every GraphQL response type, as a browser's
    /// navigation does (<c>text/html,…,*/*;q=0.8</c>). A tie, such as <c>*/*</c> alone, goes to GraphQL,
    /// so that clients which name no type keep getting JSON.
    /// </summary>
    public static bool PrefersHtml(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return false;
        }

        var html = BestRange(Html, ranges);
        var (graphQL, graphQLMatch) = Best(ranges);
        return html.Quality > 0 && (graphQL is null || html.IsBetterThan(graphQLMatch));
    }

    private static (ResponseMediaType? Type, Match Match) Best(IList<MediaTypeHeaderValue> ranges)
    {
        ResponseMediaType? best = null;
        var bestMatch = default(Match);
        foreach (var (type, parsed) in Candidates)
        {
            var match = BestRange(parsed, ranges);
            if (match.Quality > 0 && (best is null || match.IsBetterThan(bestMatch)))
            {
                best = type;
                bestMatch = match;
            }
        }

        return (best, bestMatch);
    }

    private static Match BestRange(MediaTypeHeaderValue candidate, IList<MediaTypeHeaderValue> ranges)
    {
        var best = new Match(0, -1, int.MaxValue);
        for (var i = 0; i < ranges.Count; i++)
        {
            var specificity = Specificity(candidate, ranges[i]);
            if (specificity > best.Specificity)
            {
                best = new Match(ranges[i].Quality ?? 1, specificity, i);
            }
        }

        return best;
    }

    /// <summary>How specifically <paramref name="range"/> names <paramref name="candidate"/>; -1 when it does not match.</summary>
    private static int Specificity(MediaTypeHeaderValue candidate, MediaTypeHeaderValue range)
    {
        int specificity;
        if (range.MatchesAllTypes)
        {
            specificity = 0;
        }
        else if (!range.Type.Equals(candidate.Type, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }
        else if (range.MatchesAllSubTypes)
        {
            specificity = 1;
        }
        else if (range.MatchesAllSubTypesWithoutSuffix)
        {
            // application/*+json names graphql-response+json but not plain json.
            if (!candidate.Suffix.HasValue || !range.Suffix.Equals(candidate.Suffix, StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            specificity = 2;
        }
        else if (range.SubType.Equals(candidate.SubType, StringComparison.OrdinalIgnoreCase))
        {
            // Exact only: application/json must not select application/graphql-response+json.
            specificity = 3;
        }
        else
        {
            return -1;
        }

        var hasParameters = false;
        foreach (var parameter in range.Parameters)
        {
            if (parameter.Name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                // q ends the media-range parameters; anything after it is an accept extension.
                break;
            }

            // We only ever produce UTF-8, and no other parameter.
            if (!parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) || !Charsets.IsUtf8(parameter.Value))
            {
                return -1;
            }

            hasParameters = true;
        }

        return hasParameters && specificity == 3 ? 4 : specificity;
    }

    private readonly record struct Match(double Quality, int Specificity, int Index)
    {
        public bool IsBetterThan(Match other) =>
            Quality != other.Quality ? Quality > other.Quality
            : Specificity != other.Specificity ? Specificity > other.Specificity
            : Index < other.Index;
    }
}

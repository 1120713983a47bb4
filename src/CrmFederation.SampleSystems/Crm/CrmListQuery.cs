using System.Globalization;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// The parameters of <c>GET /crm/v3/customers</c> without <c>ids</c>: <c>limit</c> 1–100 (default 20),
/// <c>after</c>, <c>segment</c>, <c>country</c>, <c>lifecycleStage</c>, <c>updatedAfter</c>, <c>sort</c>.
/// An empty parameter counts as absent.
/// </summary>
internal sealed record CrmListQuery(CrmListFilter Filter, int Limit, int Offset)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static CrmListQuery? TryParse(IQueryCollection query, out string? error)
    {
        error = null;
        var limit = DefaultLimit;
        var offset = 0;
        DateTimeOffset? updatedAfter = null;
        var sort = CrmSort.Id;

        if (Parameter(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = $"'limit' must be an integer from 1 to {MaxLimit}.";
        }
        else if (Parameter(query, "after") is { } after && !CrmCursor.TryDecode(after, out offset))
        {
            error = "'after' must be a cursor from paging.next.after.";
        }
        else if (Parameter(query, "updatedAfter") is { } since && !TryParseInstant(since, out updatedAfter))
        {
            error = "'updatedAfter' must be an ISO 8601 date-time such as 2025-01-31T00:00:00Z.";
        }
        else if (Parameter(query, "sort") is { } sortText && !TryParseSort(sortText, out sort))
        {
            error = "'sort' must be one of name, -name, createdAt, -createdAt, updatedAt, -updatedAt.";
        }

        var segment = Enum(query, "segment", CrmVocabulary.Segments, ref error);
        var stage = Enum(query, "lifecycleStage", CrmVocabulary.LifecycleStages, ref error);
        var country = Parameter(query, "country");
        return error is null ? new CrmListQuery(new CrmListFilter(segment, country, stage, updatedAfter, sort), limit, offset) : null;
    }

    private static string? Parameter(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static string? Enum(IQueryCollection query, string name, string[] allowed, ref string? error)
    {
        var value = Parameter(query, name);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            error ??= $"'{name}' must be one of {string.Join(", ", allowed)}.";
        }

        return value;
    }

    private static bool TryParseInstant(string text, out DateTimeOffset? instant)
    {
        var parsed = DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value);
        instant = parsed ? value : null;
        return parsed;
    }

    private static bool TryParseSort(string text, out CrmSort sort)
    {
        sort = text switch
        {
            "name" => CrmSort.Name,
            "-name" => CrmSort.NameDescending,
            "createdAt" => CrmSort.CreatedAt,
            "-createdAt" => CrmSort.CreatedAtDescending,
            "updatedAt" => CrmSort.UpdatedAt,
            "-updatedAt" => CrmSort.UpdatedAtDescending,
            _ => (CrmSort)(-1),
        };
        return sort >= 0;
    }
}

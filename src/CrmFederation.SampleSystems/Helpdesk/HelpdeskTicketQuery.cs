using System.Globalization;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>
/// The paging and filter parameters of <c>GET /api/v2/tickets</c>: <c>status</c> (a list of
/// new, open, pending, solved, closed), <c>per_page</c> 1–100 (default 100), <c>page</c> from 1.
/// </summary>
internal readonly record struct HelpdeskTicketQuery(int Statuses, int PerPage, int Page)
{
    public const int MaxPerPage = 100;

    public static readonly string[] StatusNames = ["new", "open", "pending", "solved", "closed"];

    public static bool TryParse(IQueryCollection query, out HelpdeskTicketQuery parsed, out string? error)
    {
        parsed = default;
        error = null;
        var statuses = 0;
        foreach (var status in new QueryList(query["status"]))
        {
            var bit = StatusBit(status);
            if (bit == 0)
            {
                error = "'status' must be a list of new, open, pending, solved, closed.";
                return false;
            }

            statuses |= bit;
        }

        if (!TryInt(query, "per_page", MaxPerPage, out var perPage) || perPage > MaxPerPage)
        {
            error = $"'per_page' must be an integer from 1 to {MaxPerPage}.";
            return false;
        }

        if (!TryInt(query, "page", 1, out var page))
        {
            error = "'page' must be an integer from 1.";
            return false;
        }

        parsed = new HelpdeskTicketQuery(statuses, perPage, page);
        return true;
    }

    /// <summary>True when <paramref name="status"/> is selected; no statuses selects all.</summary>
    public bool Selects(string status) => Statuses == 0 || (Statuses & StatusBit(status)) != 0;

    private static int StatusBit(ReadOnlySpan<char> status) => status switch
    {
        "new" => 1,
        "open" => 2,
        "pending" => 4,
        "solved" => 8,
        "closed" => 16,
        _ => 0,
    };

    private static bool TryInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        var text = query[name].ToString();
        return text.Length == 0 || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1);
    }
}

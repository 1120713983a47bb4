using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>
/// <c>GET /api/v2/tickets?organization_ids=…</c>. Tickets of the whole batch come in id order, a page at a
/// time; <c>next_page</c> is the absolute URL of the next page (this request's URL with <c>page</c> + 1),
/// <c>count</c> all that match.
/// </summary>
internal sealed class HelpdeskTicketEndpoints(HelpdeskStore store)
{
    public Task TicketsAsync(HttpContext context)
    {
        if (!HelpdeskAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, HelpdeskVocabulary.Challenge);
        }

        var organizationIds = context.Request.Query["organization_ids"];
        var count = QueryList.Count(organizationIds);
        if (count > HelpdeskVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "organization_ids", HelpdeskVocabulary.MaxBatchKeys, count);
        }

        if (!HelpdeskTicketQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            return ErrorResponses.InvalidParameter(context, error!);
        }

        Span<long> seen = stackalloc long[count];
        var seenCount = 0;
        using var matches = new PooledItems<Stored<HelpdeskTicket>>(count * 8);
        foreach (var text in new QueryList(organizationIds))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || seen[..seenCount].Contains(id)
                || store.Tickets(id) is not { } tickets)
            {
                continue;
            }

            seen[seenCount++] = id;
            foreach (var ticket in tickets)
            {
                if (query.Selects(ticket.Value.Status))
                {
                    matches.Add(ticket);
                }
            }
        }

        matches.Span.Sort(static (a, b) => a.Value.Id.CompareTo(b.Value.Id));
        return WritePage(context, matches.Span, query);
    }

    private static Task WritePage(HttpContext context, Span<Stored<HelpdeskTicket>> matches, HelpdeskTicketQuery query)
    {
        var skip = Math.Min((long)(query.Page - 1) * query.PerPage, matches.Length);
        var take = (int)Math.Min(query.PerPage, matches.Length - skip);
        using var items = new PooledItems<byte[]>(take);
        foreach (var ticket in matches.Slice((int)skip, take))
        {
            items.Add(ticket.Json);
        }

        if (skip + take < matches.Length)
        {
            var next = RequestUrls.WithParameter(context.Request, "page", (query.Page + 1).ToString(CultureInfo.InvariantCulture));
            var encoded = JsonEncodedText.Encode(next, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            var tail = Encoding.UTF8.GetBytes($"],\"next_page\":\"{encoded}\",\"count\":{matches.Length}}}");
            return JsonResponse.Array(context, """{"tickets":["""u8, items.Span, tail);
        }

        Span<byte> last = stackalloc byte[64];
        Utf8.TryWrite(last, $"],\"next_page\":null,\"count\":{matches.Length}}}", out var length);
        return JsonResponse.Array(context, """{"tickets":["""u8, items.Span, last[..length]);
    }
}

using System.Globalization;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary>
/// <c>GET /admin/api/2025-01/orders.json?customer_ids=…</c>. Orders of the whole batch come newest first;
/// <c>limit</c> caps the whole answer, and when more match a <c>Link: &lt;…page_info=…&gt;; rel="next"</c>
/// header points at the rest.
/// </summary>
internal sealed class CommerceOrderEndpoints(CommerceStore store)
{
    private static readonly Comparison<Stored<CommerceOrder>> NewestFirst = static (a, b) =>
    {
        var order = b.Value.CreatedAt.UtcTicks.CompareTo(a.Value.CreatedAt.UtcTicks);
        return order != 0 ? order : b.Value.Id.CompareTo(a.Value.Id);
    };

    public Task OrdersAsync(HttpContext context)
    {
        if (!CommerceAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context);
        }

        var query = context.Request.Query;
        var limitText = query["limit"].ToString();
        var limit = CommerceVocabulary.DefaultLimit;
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > CommerceVocabulary.MaxLimit))
        {
            return ErrorResponses.InvalidParameter(context, $"'limit' must be an integer from 1 to {CommerceVocabulary.MaxLimit}.");
        }

        CommercePageInfo page;
        var pageInfo = query["page_info"].ToString();
        if (pageInfo.Length > 0)
        {
            if (CommercePageInfo.TryDecode(pageInfo) is not { } decoded)
            {
                return ErrorResponses.InvalidParameter(context, "'page_info' must be a cursor from a Link header.");
            }

            page = decoded;
        }
        else
        {
            var customerIds = query["customer_ids"];
            var count = QueryList.Count(customerIds);
            if (count > CommerceVocabulary.MaxBatchKeys)
            {
                return ErrorResponses.TooManyKeys(context, "customer_ids", CommerceVocabulary.MaxBatchKeys, count);
            }

            page = new CommercePageInfo(0, KnownCustomers(customerIds, count));
        }

        return WritePage(context, page, limit);
    }

    private Task WritePage(HttpContext context, CommercePageInfo page, int limit)
    {
        using var matches = new PooledItems<Stored<CommerceOrder>>(page.CustomerIds.Length * 8);
        foreach (var customerId in page.CustomerIds)
        {
            foreach (var order in store.Orders(customerId) ?? [])
            {
                matches.Add(order);
            }
        }

        matches.Span.Sort(NewestFirst);
        var start = Math.Min(page.Offset, matches.Count);
        var end = Math.Min(start + limit, matches.Count);
        using var items = new PooledItems<byte[]>(end - start);
        foreach (var order in matches.Span[start..end])
        {
            items.Add(order.Json);
        }

        if (end < matches.Count)
        {
            var next = RequestUrls.WithOnly(
                context.Request,
                ("limit", limit.ToString(CultureInfo.InvariantCulture)),
                ("page_info", (page with { Offset = end }).Encode()));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return JsonResponse.Array(context, """{"orders":["""u8, items.Span, "]}"u8);
    }

    /// <summary>The distinct requested ids the shop knows, in request order; others are left out silently.</summary>
    private long[] KnownCustomers(Microsoft.Extensions.Primitives.StringValues customerIds, int count)
    {
        Span<long> known = stackalloc long[count];
        var knownCount = 0;
        foreach (var text in new QueryList(customerIds))
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && store.Orders(id) is not null
                && !known[..knownCount].Contains(id))
            {
                known[knownCount++] = id;
            }
        }

        return known[..knownCount].ToArray();
    }
}

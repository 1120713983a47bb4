using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary><c>GET /erp/odata/Invoices?accountNos=…&amp;status=…</c>: every invoice of the known accounts, optionally of some statuses, shuffled.</summary>
internal sealed class ErpInvoiceEndpoints(ErpStore store)
{
    public Task InvoicesAsync(HttpContext context)
    {
        if (!ErpAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, ErpVocabulary.Challenge);
        }

        var accountNos = context.Request.Query["accountNos"];
        var count = QueryList.Count(accountNos);
        if (count > ErpVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "accountNos", ErpVocabulary.MaxBatchKeys, count);
        }

        if (!TryParseStatuses(context.Request, out var statuses))
        {
            return ErrorResponses.InvalidParameter(context, "'status' must be Open, Paid or Overdue (a list is allowed).");
        }

        Span<int> seen = stackalloc int[count];
        var seenCount = 0;
        using var items = new PooledItems<byte[]>(count * 10);
        foreach (var accountNo in new QueryList(accountNos))
        {
            if (!store.TryFindByAccountNo(accountNo, out var index) || seen[..seenCount].Contains(index))
            {
                continue;
            }

            seen[seenCount++] = index;
            foreach (var invoice in store.Invoices(accountNo))
            {
                if (statuses == 0 || (statuses & StatusBit(invoice.Value)) != 0)
                {
                    items.Add(invoice.Json);
                }
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"value":["""u8, items.Span, "]}"u8);
    }

    /// <summary>The requested statuses as bits; 0 when none was asked for (all match).</summary>
    private static bool TryParseStatuses(HttpRequest request, out int statuses)
    {
        statuses = 0;
        foreach (var status in new QueryList(request.Query["status"]))
        {
            var bit = status switch
            {
                "Open" => 1,
                "Paid" => 2,
                "Overdue" => 4,
                _ => 0,
            };
            if (bit == 0)
            {
                return false;
            }

            statuses |= bit;
        }

        return true;
    }

    private static int StatusBit(ErpInvoice invoice) => invoice.Status switch
    {
        "Open" => 1,
        "Paid" => 2,
        _ => 4,
    };
}

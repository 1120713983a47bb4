using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary><c>GET /crm/v3/contacts?customerIds=…</c> and <c>GET /crm/v3/deals?customerIds=…</c>: every record of the known customers, shuffled.</summary>
internal sealed class CrmRelatedEndpoints(CrmStore store, CrmTokens tokens)
{
    public Task ContactsAsync(HttpContext context) => Related(context, store.Contacts);

    public Task DealsAsync(HttpContext context) => Related(context, store.Deals);

    private Task Related(HttpContext context, RelatedLookup lookup)
    {
        if (!tokens.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, CrmVocabulary.Challenge);
        }

        var customerIds = context.Request.Query["customerIds"];
        var count = QueryList.Count(customerIds);
        if (count > CrmVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "customerIds", CrmVocabulary.MaxBatchKeys, count);
        }

        Span<int> seen = stackalloc int[count];
        var seenCount = 0;
        using var items = new PooledItems<byte[]>(count * 4);
        foreach (var id in new QueryList(customerIds))
        {
            if (!store.TryFind(id, out var index) || seen[..seenCount].Contains(index))
            {
                continue;
            }

            seen[seenCount++] = index;
            foreach (var item in lookup(id) ?? [])
            {
                items.Add(item);
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"results":["""u8, items.Span, "]}"u8);
    }

    private delegate byte[][]? RelatedLookup(ReadOnlySpan<char> customerId);
}

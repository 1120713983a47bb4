using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>
/// <c>GET /erp/odata/Accounts?crmRefs=…</c> (an OData-style <c>{"value":[…]}</c> envelope, shuffled) and
/// <c>PATCH /erp/odata/Accounts/{AccountNo}</c>.
/// </summary>
internal sealed class ErpAccountEndpoints(ErpStore store)
{
    public Task AccountsAsync(HttpContext context)
    {
        if (!ErpAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, ErpVocabulary.Challenge);
        }

        var crmRefs = context.Request.Query["crmRefs"];
        var count = QueryList.Count(crmRefs);
        if (count > ErpVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "crmRefs", ErpVocabulary.MaxBatchKeys, count);
        }

        Span<int> found = stackalloc int[count];
        using var items = new PooledItems<byte[]>(count);
        foreach (var crmRef in new QueryList(crmRefs))
        {
            if (store.TryFindByCrmRef(crmRef, out var index) && !found[..items.Count].Contains(index))
            {
                found[items.Count] = index;
                items.Add(store.At(index).Json);
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"value":["""u8, items.Span, "]}"u8);
    }

    public async Task PatchAccountAsync(HttpContext context)
    {
        if (!ErpAuth.IsAuthorized(context.Request))
        {
            await ErrorResponses.Unauthorized(context, ErpVocabulary.Challenge);
            return;
        }

        if (!store.TryFindByAccountNo(context.Request.RouteValues["AccountNo"] as string, out var index))
        {
            await ErrorResponses.NotFound(context);
            return;
        }

        using var body = await PatchBody.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var patch = ErpAccountPatch.TryParse(body.RootElement, out var error);
        if (patch is null)
        {
            await ErrorResponses.Validation(context, error!);
            return;
        }

        var updated = store.Update(index, patch.ApplyTo);
        await JsonResponse.Bytes(context, StatusCodes.Status200OK, updated.Json);
    }
}

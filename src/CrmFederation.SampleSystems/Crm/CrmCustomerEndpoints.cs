using System.Text.Unicode;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// <c>GET /crm/v3/customers</c> (a batch with <c>ids</c>, else a page of the list),
/// <c>GET /crm/v3/customers/{id}</c> and <c>PATCH /crm/v3/customers/{id}</c>.
/// </summary>
internal sealed class CrmCustomerEndpoints(CrmStore store, CrmTokens tokens)
{
    private readonly CrmCustomerViews _views = new(store);

    public Task GetManyAsync(HttpContext context)
    {
        if (!tokens.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, CrmVocabulary.Challenge);
        }

        return context.Request.Query.TryGetValue("ids", out var ids) ? Batch(context, ids) : Page(context);
    }

    public Task GetOneAsync(HttpContext context)
    {
        if (!tokens.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, CrmVocabulary.Challenge);
        }

        return store.TryFind(Id(context), out var index)
            ? JsonResponse.Bytes(context, StatusCodes.Status200OK, store.At(index).Json)
            : ErrorResponses.NotFound(context);
    }

    public async Task PatchAsync(HttpContext context)
    {
        if (!tokens.IsAuthorized(context.Request))
        {
            await ErrorResponses.Unauthorized(context, CrmVocabulary.Challenge);
            return;
        }

        if (!store.TryFind(Id(context), out var index))
        {
            await ErrorResponses.NotFound(context);
            return;
        }

        using var body = await PatchBody.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var patch = CrmCustomerPatch.TryParse(body.RootElement, out var error);
        if (patch is null)
        {
            await ErrorResponses.Validation(context, error!);
            return;
        }

        var updated = store.Update(index, patch.ApplyTo);
        await JsonResponse.Bytes(context, StatusCodes.Status200OK, updated.Json);
    }

    private Task Batch(HttpContext context, Microsoft.Extensions.Primitives.StringValues ids)
    {
        var count = QueryList.Count(ids);
        if (count > CrmVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "ids", CrmVocabulary.MaxBatchKeys, count);
        }

        Span<int> found = stackalloc int[count];
        using var items = new PooledItems<byte[]>(count);
        foreach (var id in new QueryList(ids))
        {
            if (store.TryFind(id, out var index) && !found[..items.Count].Contains(index))
            {
                found[items.Count] = index;
                items.Add(store.At(index).Json);
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"results":["""u8, items.Span, "]}"u8);
    }

    private Task Page(HttpContext context)
    {
        var query = CrmListQuery.TryParse(context.Request.Query, out var error);
        if (query is null)
        {
            return ErrorResponses.InvalidParameter(context, error!);
        }

        var indices = _views.Indices(query.Filter);
        var start = Math.Min(query.Offset, indices.Length);
        var end = Math.Min(start + query.Limit, indices.Length);
        using var items = new PooledItems<byte[]>(end - start);
        for (var i = start; i < end; i++)
        {
            items.Add(store.At(indices[i]).Json);
        }

        Span<byte> tail = stackalloc byte[128];
        var written = end < indices.Length
            ? Utf8.TryWrite(tail, $"],\"paging\":{{\"next\":{{\"after\":\"{CrmCursor.Encode(end)}\"}}}},\"total\":{indices.Length}}}", out var length)
            : Utf8.TryWrite(tail, $"],\"paging\":null,\"total\":{indices.Length}}}", out length);
        return JsonResponse.Array(context, """{"results":["""u8, items.Span, tail[..length]);
    }

    private static ReadOnlySpan<char> Id(HttpContext context) => context.Request.RouteValues["id"] as string;
}

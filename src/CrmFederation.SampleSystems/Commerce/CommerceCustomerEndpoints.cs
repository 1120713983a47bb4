using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary><c>GET /admin/api/2025-01/customers.json?emails=…</c>: the shoppers whose stored (lower-case) e-mail is exactly one given, shuffled.</summary>
internal sealed class CommerceCustomerEndpoints(CommerceStore store)
{
    public Task CustomersAsync(HttpContext context)
    {
        if (!CommerceAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context);
        }

        var emails = context.Request.Query["emails"];
        var count = QueryList.Count(emails);
        if (count > CommerceVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "emails", CommerceVocabulary.MaxBatchKeys, count);
        }

        using var items = new PooledItems<byte[]>(count);
        foreach (var email in new QueryList(emails))
        {
            if (store.FindByEmail(email) is { } customer)
            {
                items.AddIfAbsent(customer.Json);
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"customers":["""u8, items.Span, "]}"u8);
    }
}

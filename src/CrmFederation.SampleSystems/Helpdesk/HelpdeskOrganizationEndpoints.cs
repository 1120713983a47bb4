using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary><c>GET /api/v2/organizations/show_many?external_ids=…</c>: the known organizations, shuffled.</summary>
internal sealed class HelpdeskOrganizationEndpoints(HelpdeskStore store)
{
    public Task OrganizationsAsync(HttpContext context)
    {
        if (!HelpdeskAuth.IsAuthorized(context.Request))
        {
            return ErrorResponses.Unauthorized(context, HelpdeskVocabulary.Challenge);
        }

        var externalIds = context.Request.Query["external_ids"];
        var count = QueryList.Count(externalIds);
        if (count > HelpdeskVocabulary.MaxBatchKeys)
        {
            return ErrorResponses.TooManyKeys(context, "external_ids", HelpdeskVocabulary.MaxBatchKeys, count);
        }

        using var items = new PooledItems<byte[]>(count);
        foreach (var externalId in new QueryList(externalIds))
        {
            if (store.FindByExternalId(externalId) is { } organization)
            {
                items.AddIfAbsent(organization.Json);
            }
        }

        items.Shuffle();
        return JsonResponse.Array(context, """{"organizations":["""u8, items.Span, "]}"u8);
    }
}

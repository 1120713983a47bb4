using System.Text.Json;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// The items other sources hold for a page of rows, for the <see cref="RelatedTerm"/>s of a filter: every
/// row's key of every term is registered with the request's loaders before any is awaited, so each
/// (endpoint, parameters) is one batch per page of rows (chunked by the endpoint's batch size), never a call
/// per row. A join through another field (invoices through billing) takes a second round. Items the
/// caller may not see (row policies of the fetched type) are left out, as the fields themselves leave them out.
/// </summary>
public sealed class RowLookups
{
    private readonly Dictionary<RelatedTerm, Dictionary<string, IReadOnlyList<JsonElement>>> _items = [];

    public static readonly RowLookups None = new();

    /// <summary>The term's items for <paramref name="row"/>; none when the row has no key or the source none for it.</summary>
    public IReadOnlyList<JsonElement> For(RelatedTerm term, JsonElement row) =>
        _items.TryGetValue(term, out var byRow) && RowKey(term.Fetch, row) is { } key && byRow.TryGetValue(key, out var items) ? items : [];

    public static async Task<RowLookups> LoadAsync(IReadOnlyCollection<RelatedTerm> terms, IReadOnlyList<JsonElement> rows, RequestScope scope)
    {
        var lookups = new RowLookups();
        if (terms.Count == 0 || rows.Count == 0)
        {
            return lookups;
        }

        // First round: each term's own key, or the key of the field it joins through.
        var firstHops = new List<(RelatedTerm Term, string RowKey, KeyLoad Load)>();
        foreach (var term in terms)
        {
            var keyed = term.Fetch.Key.Via ?? term.Fetch;
            var loader = term.Fetch.Key.Via is null ? scope.LoaderFor(term.Fetch.Endpoint, term.Parameters) : scope.PlanFor(keyed, null).Loader;
            foreach (var row in rows)
            {
                if (RowKey(term.Fetch, row) is { } key)
                {
                    firstHops.Add((term, key, loader.Load(key)));
                }
            }
        }

        var secondHops = new List<(RelatedTerm Term, string RowKey, KeyLoad Load)>();
        foreach (var (term, rowKey, load) in firstHops)
        {
            var items = Allowed(await load.GetResultAsync(), (term.Fetch.Key.Via ?? term.Fetch).Result, scope);
            if (term.Fetch.Key.Via is null)
            {
                lookups.Add(term, rowKey, items);
            }
            else if (items.Count > 0 && term.Fetch.SendableKey(term.Fetch.Key.Path!.ResolveKey(items[0])) is { } joined)
            {
                secondHops.Add((term, rowKey, scope.LoaderFor(term.Fetch.Endpoint, term.Parameters).Load(joined)));
            }
        }

        foreach (var (term, rowKey, load) in secondHops)
        {
            lookups.Add(term, rowKey, Allowed(await load.GetResultAsync(), term.Fetch.Result, scope));
        }

        return lookups;
    }

    /// <summary>The row's key for the term's first hop: the key of the field it joins through, or its own.</summary>
    private static string? RowKey(FetchFieldBinding fetch, JsonElement row)
    {
        var keyed = fetch.Key.Via ?? fetch;
        return keyed.SendableKey(keyed.Key.Path?.ResolveKey(row));
    }

    private static IReadOnlyList<JsonElement> Allowed(IReadOnlyList<JsonElement> items, ObjectBinding type, RequestScope scope) =>
        scope.RowsFor(type) is { } rows ? [.. items.Where(rows.Allows)] : items;

    private void Add(RelatedTerm term, string rowKey, IReadOnlyList<JsonElement> items)
    {
        if (!_items.TryGetValue(term, out var byRow))
        {
            byRow = new Dictionary<string, IReadOnlyList<JsonElement>>(StringComparer.Ordinal);
            _items[term] = byRow;
        }

        byRow[rowKey] = items;
    }
}

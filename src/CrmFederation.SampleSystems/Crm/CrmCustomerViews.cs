using System.Collections.Concurrent;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// Filtered, sorted index lists per <see cref="CrmListFilter"/>, computed once per store version, so
/// paging through a list costs a slice per page instead of a scan and a sort.
/// </summary>
internal sealed class CrmCustomerViews(CrmStore store)
{
    /// <summary>Distinct filters are few in practice; past this many the cache starts over rather than grow.</summary>
    private const int MaxViews = 512;

    private readonly ConcurrentDictionary<CrmListFilter, CrmCustomerView> _views = new();

    public int[] Indices(CrmListFilter filter)
    {
        var version = store.Version;
        if (_views.TryGetValue(filter, out var view) && view.Version == version)
        {
            return view.Indices;
        }

        var indices = Build(filter);
        if (_views.Count >= MaxViews)
        {
            _views.Clear();
        }

        _views[filter] = new CrmCustomerView(version, indices);
        return indices;
    }

    private int[] Build(CrmListFilter filter)
    {
        var customers = new CrmCustomer[store.Count];
        var matches = new List<int>(store.Count);
        for (var i = 0; i < customers.Length; i++)
        {
            customers[i] = store.At(i).Value;
            if (filter.Matches(customers[i]))
            {
                matches.Add(i);
            }
        }

        var indices = matches.ToArray();
        if (filter.Sort != CrmSort.Id)
        {
            Array.Sort(indices, Comparer(filter.Sort, customers));
        }

        return indices;
    }

    /// <summary>Index order is id order (C-000001, C-000002, …), which makes the id tie-break an index comparison.</summary>
    private static Comparer<int> Comparer(CrmSort sort, CrmCustomer[] customers)
    {
        Comparison<int> ascending = sort switch
        {
            CrmSort.Name or CrmSort.NameDescending => (a, b) => string.CompareOrdinal(customers[a].Name, customers[b].Name),
            CrmSort.CreatedAt or CrmSort.CreatedAtDescending => (a, b) => customers[a].CreatedAt.CompareTo(customers[b].CreatedAt),
            _ => (a, b) => customers[a].UpdatedAt.CompareTo(customers[b].UpdatedAt),
        };
        var descending = sort is CrmSort.NameDescending or CrmSort.CreatedAtDescending or CrmSort.UpdatedAtDescending;
        return Comparer<int>.Create((a, b) =>
        {
            var order = ascending(a, b);
            order = order != 0 ? order : a.CompareTo(b);
            return descending ? -order : order;
        });
    }
}

using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Filtering;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What the gateway checks of each row a scan reads: the caller's row policy and the part of a <c>where</c>
/// filter the source could not apply. The policy is checked first; the rows it lets through are tested on
/// the filter, whose lookups in other sources are made for all of them at once (<see cref="RowLookups"/>).
/// </summary>
public sealed class RowTest(RowFilter? policy, FilterTerm? where)
{
    public static readonly RowTest Everything = new(null, null);

    /// <summary>True when every row passes, so that no row needs reading to know another follows.</summary>
    public bool PassesAll => policy is null && where is null;

    /// <summary>The predicates checked, for FILTER_SCAN_LIMIT (a policy's claims are named, never their values).</summary>
    public string Describe() => string.Join(" and ", new[] { policy?.Describe(), where?.Describe() }.OfType<string>());

    /// <summary>Which of <paramref name="rows"/>, from index <paramref name="from"/> on, pass.</summary>
    public async Task<bool[]> TestAsync(IReadOnlyList<JsonElement> rows, int from, RequestScope scope)
    {
        var passed = new bool[rows.Count];
        var candidates = new List<JsonElement>(rows.Count);
        for (var i = from; i < rows.Count; i++)
        {
            passed[i] = policy is null || policy.Allows(rows[i]);
            if (passed[i])
            {
                candidates.Add(rows[i]);
            }
        }

        if (where is null || candidates.Count == 0)
        {
            return passed;
        }

        var related = where.Related.Distinct().ToList();
        var lookups = related.Count == 0 ? RowLookups.None : await RowLookups.LoadAsync(related, candidates, scope);
        for (var i = from; i < rows.Count; i++)
        {
            passed[i] = passed[i] && where.Holds(rows[i], lookups);
        }

        return passed;
    }
}

using System.Text.Json;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The rows of one type a caller may see: those allowed by any of its restricted roles (a branch each),
/// where a role allows the rows meeting all of its conditions. No branch: the caller sees no row.
/// </summary>
public sealed class RowFilter(IReadOnlyList<RowCondition[]> branches)
{
    public IReadOnlyList<RowCondition[]> Branches { get; } = branches;

    public bool Allows(JsonElement row)
    {
        foreach (var branch in Branches)
        {
            if (Array.TrueForAll(branch, condition => condition.Holds(row)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The predicates, for errors: <c>Customer.country inClaim countries or Customer.ownerEmail equalsClaim email</c>.</summary>
    public string Describe() =>
        string.Join(" or ", Branches.Select(branch => string.Join(" and ", branch.Select(condition => condition.Predicate.Description))));
}

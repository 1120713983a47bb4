using System.Collections.Frozen;
using System.Security.Claims;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Which rows of one type each role may see. A caller sees what any of its roles allows: a role that
/// does not restrict the type allows every row; a restricted role, the rows meeting all its predicates.
/// </summary>
public sealed class RowPolicy(string typeName, FrozenDictionary<string, RowPredicate[]> restricted, FrozenSet<string> unrestricted)
{
    public string TypeName { get; } = typeName;

    /// <summary>Roles that may only see some rows, with the predicates those rows must meet.</summary>
    public FrozenDictionary<string, RowPredicate[]> Restricted { get; } = restricted;

    /// <summary>The rows <paramref name="caller"/> may see, or null when it may see every row. Role names access.json does not declare allow nothing.</summary>
    public RowFilter? For(ClaimsPrincipal? caller)
    {
        var branches = new List<RowCondition[]>();
        foreach (var role in caller?.FindAll(CallerClaims.Role) ?? [])
        {
            if (unrestricted.Contains(role.Value))
            {
                return null;
            }

            if (Restricted.TryGetValue(role.Value, out var predicates))
            {
                branches.Add(Array.ConvertAll(predicates, predicate => predicate.Bind(caller!)));
            }
        }

        return new RowFilter(branches);
    }
}

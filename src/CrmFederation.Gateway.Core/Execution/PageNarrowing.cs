using System.Globalization;
using CrmFederation.Gateway.Access;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A caller's row filter met with one page request. A condition on a field the endpoint matches exactly
/// is decided by the request's own argument on that field (every row it asks for allowed, or none), or,
/// when the request leaves it open and the claim has one value, sent to the source as that argument
/// would be. What remains, the gateway checks row by row.
/// </summary>
public sealed record PageNarrowing(bool Nothing, IReadOnlyList<KeyValuePair<string, string>> Pushed, RowFilter? Residual)
{
    private static readonly PageNarrowing NoRow = new(true, [], null);
    private static readonly PageNarrowing EveryRow = new(false, [], null);

    public static PageNarrowing Of(RowFilter filter, PageRows rows, IResolveFieldContext context)
    {
        var open = new List<Branch>();
        foreach (var conditions in filter.Branches)
        {
            if (Branch.Meet(conditions, rows, context) is not { } branch)
            {
                continue;
            }

            if (branch.Undecided.Count == 0)
            {
                // One of the caller's roles allows every row the request asks for.
                return EveryRow;
            }

            open.Add(branch);
        }

        return open.Count switch
        {
            0 => NoRow,
            1 => new(false, open[0].Pushed, open[0].Residual.Count == 0 ? null : new RowFilter([[.. open[0].Residual]])),

            // Roles allowing different rows: one request to the source cannot ask for their union.
            _ => new(false, [], new RowFilter(open.ConvertAll(branch => branch.Undecided.ToArray()))),
        };
    }

    /// <summary>One role's conditions after the request: those sent to the source, and those left to check.</summary>
    private sealed record Branch(List<KeyValuePair<string, string>> Pushed, List<RowCondition> Residual, List<RowCondition> Undecided)
    {
        /// <summary>Null when the request asks only for rows this role does not allow.</summary>
        public static Branch? Meet(RowCondition[] conditions, PageRows rows, IResolveFieldContext context)
        {
            var branch = new Branch([], [], []);
            foreach (var condition in conditions)
            {
                if (condition.Values.Count == 0)
                {
                    // The caller lacks the claim: the role allows no row.
                    return null;
                }

                if (!rows.ExactMatches.TryGetValue(condition.Predicate.FieldName, out var argument))
                {
                    branch.Residual.Add(condition);
                    branch.Undecided.Add(condition);
                    continue;
                }

                if (argument.Value(context) is { } requested)
                {
                    if (condition.Accepts(Convert.ToString(requested, CultureInfo.InvariantCulture) ?? ""))
                    {
                        continue;
                    }

                    return null;
                }

                branch.Undecided.Add(condition);
                if (!branch.TryPush(condition, argument, out var possible))
                {
                    branch.Residual.Add(condition);
                }
                else if (!possible)
                {
                    return null;
                }
            }

            return branch;
        }

        /// <summary>
        /// Sends a one-value condition as the argument's parameter. An exact source cannot apply a
        /// case-insensitive condition; <paramref name="possible"/> is false when the condition names a
        /// value no row can hold (an enum name the source has no spelling for, or a second value for a
        /// parameter already sent).
        /// </summary>
        private bool TryPush(RowCondition condition, ArgumentBinding argument, out bool possible)
        {
            possible = true;
            if (condition.Values.Count != 1 || condition.Predicate.IgnoreCase)
            {
                return false;
            }

            if (!argument.TryToSource(condition.Values.First(), out var spelled))
            {
                possible = false;
                return true;
            }

            var sent = Pushed.FindIndex(p => p.Key == argument.Parameter);
            if (sent < 0)
            {
                Pushed.Add(new(argument.Parameter!, spelled));
            }
            else
            {
                possible = Pushed[sent].Value == spelled;
            }

            return true;
        }
    }
}

using System.Text.Json;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// One predicate of a <c>where</c> filter, compiled against the bindings of the type it filters: it tests a
/// row's own item, and the items other sources hold for the row, looked up beforehand for a whole page of rows
/// (<see cref="RowLookups"/>). <see cref="Describe"/> names it for errors and the explanation.
/// </summary>
public abstract class FilterTerm
{
    public abstract bool Holds(JsonElement item, RowLookups lookups);

    public abstract string Describe();

    /// <summary>The lookups in other sources this term needs for each row.</summary>
    public virtual IEnumerable<RelatedTerm> Related => [];
}

/// <summary>Every term holds (several fields of one input, or <c>and</c>).</summary>
public sealed class AllOf(IReadOnlyList<FilterTerm> terms) : FilterTerm
{
    public IReadOnlyList<FilterTerm> Terms { get; } = terms;

    public override bool Holds(JsonElement item, RowLookups lookups)
    {
        foreach (var term in Terms)
        {
            if (!term.Holds(item, lookups))
            {
                return false;
            }
        }

        return true;
    }

    public override string Describe() => Terms.Count == 1 ? Terms[0].Describe() : "(" + string.Join(" and ", Terms.Select(t => t.Describe())) + ")";

    public override IEnumerable<RelatedTerm> Related => Terms.SelectMany(t => t.Related);

    /// <summary>The terms as one: null for none, the term itself for one.</summary>
    public static FilterTerm? Of(IReadOnlyList<FilterTerm> terms) => terms.Count switch
    {
        0 => null,
        1 => terms[0],
        _ => new AllOf(terms),
    };
}

/// <summary>At least one term holds (<c>or</c>).</summary>
public sealed class AnyOf(IReadOnlyList<FilterTerm> terms) : FilterTerm
{
    public override bool Holds(JsonElement item, RowLookups lookups)
    {
        foreach (var term in terms)
        {
            if (term.Holds(item, lookups))
            {
                return true;
            }
        }

        return false;
    }

    public override string Describe() => "(" + string.Join(" or ", terms.Select(t => t.Describe())) + ")";

    public override IEnumerable<RelatedTerm> Related => terms.SelectMany(t => t.Related);
}

/// <summary>The term does not hold (<c>not</c>).</summary>
public sealed class NotTerm(FilterTerm term) : FilterTerm
{
    public override bool Holds(JsonElement item, RowLookups lookups) => !term.Holds(item, lookups);

    public override string Describe() => "not " + term.Describe();

    public override IEnumerable<RelatedTerm> Related => term.Related;
}

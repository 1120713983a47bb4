using System.Text.Json;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Filtering;

/// <summary>How a term over a fetched field counts the items another source holds for the row.</summary>
public enum Quantifier
{
    /// <summary>A single item (billing, shopper): the row has one, and it meets the inner term.</summary>
    One,

    /// <summary>At least one item meets the inner term.</summary>
    Some,

    /// <summary>No item meets the inner term.</summary>
    None,
}

/// <summary>
/// A predicate over a field another source answers (a customer's billing account, invoices, tickets,
/// shopper). Its items are looked up for a whole page of rows at once, through the request's batched
/// loaders, with <see cref="Parameters"/> sent to the source (the inner conditions it declares it
/// filters by); the rest of the inner term is checked by the gateway on the items.
/// </summary>
public sealed class RelatedTerm(string coordinate, FetchFieldBinding fetch, Quantifier quantifier, FilterTerm? inner, IReadOnlyList<KeyValuePair<string, string>> parameters, string? pushed)
    : FilterTerm
{
    public string Coordinate { get; } = coordinate;

    public FetchFieldBinding Fetch { get; } = fetch;

    /// <summary>Sent with every lookup, sorted by name as the field's own loaders sort theirs, so a lookup can share their batches.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; } = parameters;

    /// <summary>The inner conditions the source applies, for the explanation; null when none.</summary>
    public string? Pushed { get; } = pushed;

    public FilterTerm? Inner { get; } = inner;

    public override bool Holds(JsonElement item, RowLookups lookups)
    {
        var items = lookups.For(this, item);
        return quantifier switch
        {
            Quantifier.One => items.Count > 0 && (Inner is null || Inner.Holds(items[0], lookups)),
            Quantifier.Some => items.Any(i => Inner is null || Inner.Holds(i, lookups)),
            _ => !items.Any(i => Inner is null || Inner.Holds(i, lookups)),
        };
    }

    public override string Describe()
    {
        var conditions = new[] { Pushed, Inner?.Describe() }.OfType<string>().ToList();
        var body = conditions.Count == 0 ? "" : " { " + string.Join(" and ", conditions) + " }";
        return quantifier switch
        {
            Quantifier.One => Coordinate + body,
            Quantifier.Some => $"{Coordinate} some{body}",
            _ => $"{Coordinate} none{body}",
        };
    }

    public override IEnumerable<RelatedTerm> Related => [this];
}

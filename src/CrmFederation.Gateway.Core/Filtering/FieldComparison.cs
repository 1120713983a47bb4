using System.Globalization;
using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// A comparison of a field read from the row's own item with the filter's values, on the value GraphQL shows
/// (an enum's name, a decimal, an instant). A row without a value meets only <c>neq</c>; <c>contains</c> and
/// <c>startsWith</c> ignore case, the other comparisons of text are exact.
/// </summary>
public sealed class FieldComparison(string coordinate, PathFieldBinding field, FilterOperator op, IReadOnlyList<object> values) : FilterTerm
{
    public string Coordinate { get; } = coordinate;

    public PathFieldBinding Field { get; } = field;

    public FilterOperator Operator { get; } = op;

    /// <summary>The filter's values, normalized (<see cref="FilterValues"/>); one, but for <c>in</c>.</summary>
    public IReadOnlyList<object> Values { get; } = values.Select(v => FilterValues.Normalize(v)!).ToList();

    public override bool Holds(JsonElement item, RowLookups lookups)
    {
        var value = ValueOf(item);
        if (value is null)
        {
            return Operator == FilterOperator.Neq;
        }

        return Operator switch
        {
            FilterOperator.Eq or FilterOperator.In => Values.Any(v => FilterValues.Same(value, v)),
            FilterOperator.Neq => !FilterValues.Same(value, Values[0]),
            FilterOperator.Gt => FilterValues.Compare(value, Values[0]) > 0,
            FilterOperator.Gte => FilterValues.Compare(value, Values[0]) >= 0,
            FilterOperator.Lt => FilterValues.Compare(value, Values[0]) < 0,
            FilterOperator.Lte => FilterValues.Compare(value, Values[0]) <= 0,
            FilterOperator.Contains => value is string text && text.Contains((string)Values[0], StringComparison.OrdinalIgnoreCase),
            FilterOperator.StartsWith => value is string text && text.StartsWith((string)Values[0], StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>The row's value of the field, normalized; null when it has none or one the field's enum map does not know.</summary>
    public object? ValueOf(JsonElement item)
    {
        if (!Field.Path.TryResolve(item, out var raw))
        {
            return null;
        }

        try
        {
            return FilterValues.Normalize(Field.Converter.Convert(raw));
        }
        catch (SourceException)
        {
            return null;
        }
    }

    /// <summary>The values as the source spells them: enum names mapped back, instants in ISO 8601 UTC.</summary>
    public IEnumerable<string> SourceValues() => Values.SelectMany(value => value switch
    {
        string text => Field.Converter.SourceSpellings(text),
        DateTimeOffset instant => [instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)],
        DateOnly date => [date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        IFormattable formattable => [formattable.ToString(null, CultureInfo.InvariantCulture)],
        _ => [value.ToString() ?? ""],
    });

    public override string Describe() => $"{Coordinate} {FilterOperators.NameOf(Operator)} {Shown()}";

    private string Shown() => Operator == FilterOperator.In
        ? "[" + string.Join(", ", Values.Select(Literal)) + "]"
        : Literal(Values[0]);

    private static string Literal(object value) => value switch
    {
        string text => JsonSerializer.Serialize(text),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using System.Text.Json;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// Brings a row's value (as a field's converter produced it) and a filter's value (as GraphQL parsed it) to
/// one comparable form: text, a number as decimal, an instant in UTC, or a date. Text compares ordinally.
/// </summary>
public static class FilterValues
{
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement other => other.GetRawText(),
        int number => (decimal)number,
        long number => (decimal)number,
        double number => (decimal)number,
        float number => (decimal)number,
        DateTime instant => new DateTimeOffset(instant.ToUniversalTime()),
        DateTimeOffset instant => instant.ToUniversalTime(),
        _ => value,
    };

    /// <summary>Orders two normalized values; values of different kinds order by kind, so a sort never throws.</summary>
    public static int Compare(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (IComparable a, _) when right is not null && a.GetType() == right.GetType() => a.CompareTo(right),
        _ => string.CompareOrdinal(left?.GetType().Name, right?.GetType().Name),
    };

    public static bool Same(object? left, object? right) => left is not null && right is not null && Compare(left, right) == 0;
}

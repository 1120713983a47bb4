using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Access;

/// <summary>A <see cref="RowPredicate"/> bound to one caller's claim values: tests rows, and values of the same field.</summary>
public sealed class RowCondition
{
    // Longer values are compared through a string; keys and e-mail addresses fit.
    private const int MaxStackValueLength = 320;

    private readonly HashSet<string> _values;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public RowCondition(RowPredicate predicate, HashSet<string> values)
    {
        Predicate = predicate;
        _values = values;
        _lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public RowPredicate Predicate { get; }

    public IReadOnlyCollection<string> Values => _values;

    /// <summary>True when <paramref name="value"/>, as GraphQL shows the field, is one the caller may see.</summary>
    public bool Accepts(string value) => _values.Contains(value);

    /// <summary>True when the row's value of the field is one the caller may see; a row without a value is never seen.</summary>
    public bool Holds(JsonElement row)
    {
        var field = Predicate.Field;
        if (field.Converter.Kind == ValueKind.Enum)
        {
            return field.Path.TryResolve(row, out var value) && EnumName(field, value) is { } name && _values.Contains(name);
        }

        // Read into a stack buffer and looked up as characters: filtering a page makes no strings.
        Span<char> buffer = stackalloc char[MaxStackValueLength];
        if (field.Path.TryCopyKey(row, buffer, out var length))
        {
            return _lookup.Contains(buffer[..length]);
        }

        return field.Path.ResolveKey(row) is { } text && _values.Contains(text);
    }

    private static string? EnumName(PathFieldBinding field, JsonElement value)
    {
        try
        {
            return field.Converter.Convert(value) as string;
        }
        catch (SourceException)
        {
            // A spelling the enum map does not know names no value a claim could hold.
            return null;
        }
    }
}

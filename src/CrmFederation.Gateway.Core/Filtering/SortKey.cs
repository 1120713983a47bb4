using System.Collections;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Execution;
using GraphQL;

namespace CrmFederation.Gateway.Filtering;

/// <summary>One key of an <c>order</c> argument: a field read from the row, and its direction.</summary>
public sealed record SortKey(string Coordinate, PathFieldBinding Field, bool Descending)
{
    /// <summary>More keys than any report sorts by; past it the argument is refused.</summary>
    public const int MaxKeys = 5;

    public string Describe() => Coordinate + (Descending ? " desc" : " asc");

    /// <summary>
    /// The keys of an <c>order</c> argument (<c>[{ field: CREATED_AT, direction: DESC }]</c>): each enum value names
    /// the listed type's field of the same name in camelCase (<c>CREATED_AT</c>: <c>createdAt</c>), read from the row.
    /// </summary>
    public static IReadOnlyList<SortKey> Read(object? order, ObjectBinding type, WhereReader fields)
    {
        var keys = new List<SortKey>();
        foreach (var item in order as IEnumerable ?? Array.Empty<object>())
        {
            if (item is not IDictionary<string, object?> input || !input.TryGetValue("field", out var fieldValue) || fieldValue is not string enumValue)
            {
                continue;
            }

            if (keys.Count == MaxKeys)
            {
                throw new ExecutionError($"An order takes at most {MaxKeys} keys.") { Code = "BAD_USER_INPUT" };
            }

            var name = FieldName(enumValue);
            if (fields.FieldOf(type, name, "sort") is not PathFieldBinding field)
            {
                throw new ExecutionError($"The field '{type.TypeName}.{name}' cannot be sorted by.") { Code = "BAD_USER_INPUT" };
            }

            keys.Add(new SortKey($"{type.TypeName}.{name}", field, input.TryGetValue("direction", out var direction) && direction as string == "DESC"));
        }

        return keys;
    }

    /// <summary><c>CREATED_AT</c> → <c>createdAt</c>.</summary>
    private static string FieldName(string enumValue)
    {
        var name = new StringBuilder(enumValue.Length);
        var upper = false;
        foreach (var c in enumValue)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }

        return name.ToString();
    }
}

/// <summary>
/// Orders rows by sort keys, then by the natural path (the id) in the last key's direction, as the CRM breaks
/// ties; rows without a value come last either way. The same order a source sorting by the keys gives, so
/// sorted answers of several calls merge into one.
/// </summary>
public sealed class RowOrder(IReadOnlyList<SortKey> keys, PathFieldBinding? natural) : IComparer<JsonElement>
{
    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public int Compare(JsonElement left, JsonElement right)
    {
        foreach (var key in Keys)
        {
            var order = CompareBy(key.Field, left, right, key.Descending);
            if (order != 0)
            {
                return order;
            }
        }

        return natural is null ? 0 : CompareBy(natural, left, right, Keys.Count > 0 && Keys[^1].Descending);
    }

    public string Describe() => string.Join(", ", Keys.Select(k => k.Describe()));

    private static int CompareBy(PathFieldBinding field, JsonElement left, JsonElement right, bool descending)
    {
        var a = ValueOf(field, left);
        var b = ValueOf(field, right);
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        var order = FilterValues.Compare(a, b);
        return descending ? -order : order;
    }

    private static object? ValueOf(PathFieldBinding field, JsonElement row)
    {
        try
        {
            return field.Path.TryResolve(row, out var raw) ? FilterValues.Normalize(field.Converter.Convert(raw)) : null;
        }
        catch (Sources.SourceException)
        {
            return null;
        }
    }
}

using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Coerces one source JSON value into what the GraphQL field's type serializes: money strings into
/// decimals, offset timestamps into UTC instants, source enum spellings into GraphQL enum values.
/// A value that cannot be coerced is the source's fault and is reported as such.
/// </summary>
public sealed class ValueConverter(ValueKind kind, string sourceName, FrozenDictionary<string, string>? enumMap = null)
{
    public ValueKind Kind { get; } = kind;

    /// <summary>Source spelling → GraphQL enum value, for enums; null otherwise.</summary>
    public FrozenDictionary<string, string>? EnumMap { get; } = enumMap;

    public object? Convert(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        var converted = Kind switch
        {
            ValueKind.Text => value.ValueKind switch
            {
                // Passed through as it came; SourceStringScalar and SourceIdScalar write it without a .NET string.
                JsonValueKind.String => value,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            },
            ValueKind.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null,
            ValueKind.Float => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : ParseDouble(value),
            ValueKind.Boolean => value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            },
            ValueKind.Decimal => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : ParseDecimal(value),
            ValueKind.Date => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : ParseDateFromTimestamp(value),
            ValueKind.DateTime => value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var instant)
                ? instant.ToUniversalTime()
                : null,
            ValueKind.Enum => value.ValueKind == JsonValueKind.String && EnumMap!.TryGetValue(value.GetString()!, out var name) ? name : null,
            _ => null,
        };

        return converted ?? throw Unconvertible(value);
    }

    /// <summary>The source's spellings of a GraphQL enum value (a map may give several the same name); the value itself for other kinds.</summary>
    public IReadOnlyList<string> SourceSpellings(string value) =>
        Kind == ValueKind.Enum ? [.. EnumMap!.Where(pair => pair.Value == value).Select(pair => pair.Key)] : [value];

    private static object? ParseDouble(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>Money strings ("99.00") are parsed from the source's UTF-8 as they are, unless escaped.</summary>
    private static object? ParseDecimal(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        var parsed = raw.IndexOf((byte)'\\') < 0
            ? decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            : decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d);
        return parsed ? d : null;
    }

    private static object? ParseDateFromTimestamp(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.UtcDateTime)
            : null;

    private SourceException Unconvertible(JsonElement value)
    {
        // The offending value itself may be customer data: name only its JSON kind.
        var what = Kind == ValueKind.Enum ? "an enum value that has no mapping" : $"a {value.ValueKind} where a {Kind} was expected";
        return new SourceException(sourceName, SourceErrorCode.BadResponse, $"Source '{sourceName}' sent {what}.");
    }
}

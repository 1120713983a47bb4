using System.Globalization;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>The schema's <c>Date</c>: an ISO 8601 calendar date ("2026-03-31").</summary>
public sealed class DateScalar : StringLiteralScalar
{
    public DateScalar()
    {
        Name = "Date";
        Description = "An ISO 8601 calendar date.";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateOnly date => date,
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Serialize(ParseValue(value)),
    };
}

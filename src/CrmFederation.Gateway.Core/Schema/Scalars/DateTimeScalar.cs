using System.Globalization;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>The schema's <c>DateTime</c>: an ISO 8601 instant, always written in UTC ("2024-05-01T14:15:30Z").</summary>
public sealed class DateTimeScalar : StringLiteralScalar
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO 8601 instant, in UTC.";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToUniversalTime(),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant.ToUniversalTime(),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        // A UTC DateTime is written by System.Text.Json in this same ISO 8601 form, without a string in between.
        DateTimeOffset instant => instant.UtcDateTime,
        _ => Serialize(ParseValue(value)),
    };
}

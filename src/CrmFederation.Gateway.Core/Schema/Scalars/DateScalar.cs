using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>The schema's <c>Date</c>: an ISO 8601 calendar date ("2026-03-31").</summary>
public sealed class DateScalar : ScalarGraphType
{
    public DateScalar()
    {
        Name = "Date";
        Description = "An ISO 8601 calendar date.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => ParseValue((string)text.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

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

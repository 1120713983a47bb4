using System.Globalization;
using System.Numerics;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>The schema's <c>Decimal</c>: an exact decimal, serialized as a JSON number with its scale kept ("99.00").</summary>
public sealed class DecimalScalar : ScalarGraphType
{
    public DecimalScalar()
    {
        Name = "Decimal";
        Description = "An exact decimal, serialized as a JSON number.";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        decimal d => d,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)d,
        BigInteger b => (decimal)b,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal d => d,
        _ => ParseValue(value),
    };
}

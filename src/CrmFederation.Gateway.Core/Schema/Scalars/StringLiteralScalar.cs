using GraphQL.Types;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>A scalar written as a string in GraphQL documents (dates and instants): literals go through <see cref="ScalarGraphType.ParseValue"/>.</summary>
public abstract class StringLiteralScalar : ScalarGraphType
{
    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => ParseValue((string)text.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };
}

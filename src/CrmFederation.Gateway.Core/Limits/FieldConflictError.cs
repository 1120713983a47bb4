using GraphQLParser;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>Two fields answer one response name but differ in field or arguments: the spec's rule 5.3.2, with GraphQL.NET's code and wording.</summary>
public sealed class FieldConflictError : GraphQL.Validation.ValidationError
{
    public FieldConflictError(ROM document, ROM responseName, string reason, GraphQLField first, GraphQLField other)
        : base(document, "5.3.2", $"Fields {responseName} conflicts because {reason}. Use different aliases on the fields to fetch both if this was intentional.", first, other)
    {
        Code = "OVERLAPPING_FIELDS_CAN_BE_MERGED";
    }
}

using GraphQLParser.AST;

namespace CrmFederation.Gateway.Schema;

/// <summary>A field of the public schema: its named type, list and null-ness, and arguments.</summary>
public sealed record FieldShape(
    string Name,
    string TypeName,
    bool IsList,
    bool IsNonNull,
    IReadOnlyDictionary<string, ArgumentShape> Arguments)
{
    public static FieldShape From(GraphQLFieldDefinition field)
    {
        var (typeName, isList, isNonNull, _) = Describe(field.Type);
        var arguments = (field.Arguments?.Items ?? [])
            .ToDictionary(
                a => a.Name.StringValue,
                a => ArgumentShape.Of(a.Name.StringValue, a.Type),
                StringComparer.Ordinal);
        return new FieldShape(field.Name.StringValue, typeName, isList, isNonNull, arguments);
    }

    internal static (string Name, bool IsList, bool IsNonNull, bool ItemNonNull) Describe(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Describe(nonNull.Type) with { IsNonNull = true },
        GraphQLListType list => (Describe(list.Type).Name, true, false, list.Type is GraphQLNonNullType),
        GraphQLNamedType named => (named.Name.StringValue, false, false, false),
        _ => throw new NotSupportedException(type.GetType().Name),
    };
}

/// <summary>An argument of a field (or a field of an input object) of the public schema.</summary>
public sealed record ArgumentShape(string Name, string TypeName, bool IsList)
{
    public static ArgumentShape Of(string name, GraphQLType type)
    {
        var (typeName, isList, _, _) = FieldShape.Describe(type);
        return new ArgumentShape(name, typeName, isList);
    }
}

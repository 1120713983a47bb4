using GraphQLParser.AST;

namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>A type as written at a field, argument or input field: a named type or a list, either of them non-null.</summary>
public sealed record TypeReference(string? Name, TypeReference? Item, bool NonNull)
{
    public static TypeReference From(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => From(nonNull.Type) with { NonNull = true },
        GraphQLListType list => new TypeReference(null, From(list.Type), false),
        GraphQLNamedType named => new TypeReference(named.Name.StringValue, null, false),
        _ => throw new NotSupportedException(type.GetType().Name),
    };

    /// <summary>
    /// True when every value a client could get back under <paramref name="before"/> it may still get
    /// under <paramref name="after"/>: an output may become non-null, never nullable, and keeps its list-ness and named type.
    /// </summary>
    public static bool IsSafeOutputChange(TypeReference before, TypeReference after) =>
        (before.NonNull, after.NonNull) switch
        {
            (true, false) => false,
            (false, true) => IsSafeOutputChange(before, after with { NonNull = false }),
            _ => SameShape(before, after, IsSafeOutputChange),
        };

    /// <summary>
    /// True when every value a client could send under <paramref name="before"/> is still accepted under
    /// <paramref name="after"/>: an input may become nullable, never non-null, and keeps its list-ness and named type.
    /// </summary>
    public static bool IsSafeInputChange(TypeReference before, TypeReference after) =>
        (before.NonNull, after.NonNull) switch
        {
            (false, true) => false,
            (true, false) => IsSafeInputChange(before with { NonNull = false }, after),
            _ => SameShape(before, after, IsSafeInputChange),
        };

    private static bool SameShape(TypeReference before, TypeReference after, Func<TypeReference, TypeReference, bool> items) =>
        (before.Item, after.Item) switch
        {
            (null, null) => before.Name == after.Name,
            ({ } beforeItem, { } afterItem) => items(beforeItem, afterItem),
            _ => false,
        };

    public override string ToString() => (Item is null ? Name : $"[{Item}]") + (NonNull ? "!" : "");
}

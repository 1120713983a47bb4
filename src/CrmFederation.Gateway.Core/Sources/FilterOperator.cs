namespace CrmFederation.Gateway.Sources;

/// <summary>A comparison of a <c>where</c> filter, named in gateway-config and in the public schema as the enum member in camelCase.</summary>
public enum FilterOperator
{
    Eq,
    Neq,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    Contains,
    StartsWith,
}

/// <summary>The operators' names as gateway-config and the schema's comparison inputs spell them.</summary>
public static class FilterOperators
{
    public static readonly IReadOnlyDictionary<string, FilterOperator> ByName = Enum.GetValues<FilterOperator>()
        .ToDictionary(NameOf, op => op, StringComparer.Ordinal);

    public static string NameOf(FilterOperator op) => op switch
    {
        FilterOperator.StartsWith => "startsWith",
        _ => op.ToString().ToLowerInvariant(),
    };
}

using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What one field node needs for this request: the loader its arguments select, the local filter
/// and take to apply, and the rows of its type the caller may see (null: all). Arguments are the same for every row of a field node, so the plan is made once
/// per node per request rather than once per row.
/// </summary>
public sealed record FieldPlan(
    BatchLoader Loader,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    (JsonPath Path, HashSet<string> Values)? Filter,
    int? Take,
    Access.RowFilter? Rows);

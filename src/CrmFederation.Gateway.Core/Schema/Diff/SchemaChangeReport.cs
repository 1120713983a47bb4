namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>Every change between two versions of the public schema, most harmful first, then by path.</summary>
public sealed record SchemaChangeReport(IReadOnlyList<SchemaChange> Changes)
{
    public IEnumerable<SchemaChange> Breaking => Changes.Where(c => c.Severity == SchemaChangeSeverity.Breaking);

    public IEnumerable<SchemaChange> Dangerous => Changes.Where(c => c.Severity == SchemaChangeSeverity.Dangerous);

    public bool HasBreakingChanges => Changes.Any(c => c.Severity == SchemaChangeSeverity.Breaking);

    public int Count(SchemaChangeSeverity severity) => Changes.Count(c => c.Severity == severity);
}

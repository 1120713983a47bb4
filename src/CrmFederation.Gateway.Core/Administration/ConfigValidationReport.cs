using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema.Diff;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// What a proposed config would do: whether it compiles (every error and warning with file:line), how the
/// public schema changes, and which recently served operations it breaks.
/// </summary>
public sealed record ConfigValidationReport(
    ConfigFileSet Proposed,
    IReadOnlyList<ConfigDiagnostic> Diagnostics,
    SchemaChangeReport SchemaChanges,
    IReadOnlyList<BrokenOperation> BrokenOperations,
    TimeSpan RecentWindow)
{
    public bool Valid => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>A change that breaks the schema or an operation clients sent: apply refuses it unless forced.</summary>
    public bool Breaks => SchemaChanges.HasBreakingChanges || BrokenOperations.Count > 0;

    public string Summary
    {
        get
        {
            var days = (int)RecentWindow.TotalDays;
            var operations = BrokenOperations.Count switch
            {
                0 => "breaks no operation",
                1 => "breaks 1 operation",
                var n => $"breaks {n} operations",
            };
            return $"{operations} used in the last {days} days";
        }
    }
}

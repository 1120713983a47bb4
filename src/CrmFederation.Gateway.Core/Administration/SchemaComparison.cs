using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema.Diff;

namespace CrmFederation.Gateway.Administration;

/// <summary>The public schema's changes between two config file sets, as the admin API and the <c>validate</c> command report them.</summary>
public static class SchemaComparison
{
    public static SchemaChangeReport Between(ConfigFileSet before, ConfigFileSet after) =>
        SchemaDiff.Compare(Surface(before, []), Surface(after, []));

    /// <summary>The schema of <paramref name="files"/>; a file that does not parse becomes a diagnostic and is left out.</summary>
    public static SchemaSurface Surface(ConfigFileSet files, List<ConfigDiagnostic> diagnostics) =>
        SchemaSurface.Read([.. files.In("schema").Select(f => new SchemaFile(f.Path, f.Text))], diagnostics);

    /// <summary>"1 breaking, 0 dangerous, 2 safe": the counts both reports print.</summary>
    public static string Counts(SchemaChangeReport report) =>
        $"{report.Count(SchemaChangeSeverity.Breaking)} breaking, {report.Count(SchemaChangeSeverity.Dangerous)} dangerous, {report.Count(SchemaChangeSeverity.Safe)} safe";
}

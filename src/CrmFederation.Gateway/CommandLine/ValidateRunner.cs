using CrmFederation.Gateway.Administration;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema.Diff;

namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>
/// <c>validate</c>: compiles a gateway-config directory as the server would at start-up, without
/// starting it, and with <c>--against</c> reports how its public schema changed. Values come from the
/// environment as for the server; unless <c>--require-secrets</c>, one that is not set is a warning.
/// </summary>
public static class ValidateRunner
{
    public static int Run(ValidateCommand command, Func<string, string?> variables, TextWriter output)
    {
        var directory = Path.GetFullPath(command.Directory ?? new GatewayOptions { ConfigPath = variables("Gateway:ConfigPath") ?? "gateway-config" }.ResolveConfigPath());
        output.WriteLine($"Validating {directory}");
        var unset = new UnsetValuePolicy { WarnAndUsePlaceholder = !command.RequireSecrets };
        var (snapshot, diagnostics) = StandaloneCompiler.TryCompile(directory, variables, unset);
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Severity))
        {
            output.WriteLine(diagnostic);
        }

        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count - errors;
        var report = command.Against is { } against ? CompareSchemas(against, directory, output) : null;
        if (report is null && command.Against is not null)
        {
            errors++;
        }

        var breaking = report?.Count(SchemaChangeSeverity.Breaking) ?? 0;
        output.WriteLine();
        if (errors > 0 || snapshot is null)
        {
            output.WriteLine($"Invalid: {errors} error(s), {warnings} warning(s).");
            return 1;
        }

        if (breaking > 0 && !command.AllowBreaking)
        {
            output.WriteLine($"Valid, but {breaking} breaking change(s) for the operations clients send today; refused. " +
                "Pass --allow-breaking to accept them (announce them to the front-end teams first).");
            return 1;
        }

        output.WriteLine($"Valid (version {snapshot.Version}): {warnings} warning(s){(report is null ? "" : $", {breaking} breaking change(s)")}.");
        return 0;
    }

    /// <summary>Prints the schema changes from <paramref name="oldDirectory"/> to <paramref name="directory"/>; null when the old schema cannot be read.</summary>
    private static SchemaChangeReport? CompareSchemas(string oldDirectory, string directory, TextWriter output)
    {
        var oldPath = Path.GetFullPath(oldDirectory);
        output.WriteLine();
        if (!Directory.Exists(oldPath))
        {
            output.WriteLine($"error: --against {oldPath}: the directory does not exist. Hint: Point --against at the gateway-config to compare with, e.g. a checkout of the main branch.");
            return null;
        }

        var oldDiagnostics = new List<ConfigDiagnostic>();
        var before = SchemaComparison.Surface(ConfigFileSet.Load(oldPath), oldDiagnostics);
        var after = SchemaComparison.Surface(ConfigFileSet.Load(directory), []);
        var schemaErrors = oldDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.File.StartsWith("schema/", StringComparison.Ordinal)).ToList();
        if (schemaErrors.Count > 0)
        {
            foreach (var error in schemaErrors)
            {
                output.WriteLine($"error: --against {oldPath}: {error}");
            }

            return null;
        }

        var report = SchemaDiff.Compare(before, after);
        // The same classification and counts as the admin API's validate and apply answers.
        output.WriteLine($"Schema changes against {oldPath}: {SchemaComparison.Counts(report)}");
        foreach (var change in report.Changes)
        {
            output.WriteLine("  " + change);
        }

        return report;
    }
}

namespace CrmFederation.Gateway.Configuration;

/// <summary>Thrown when gateway-config has errors; the message lists every one of them.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
    : Exception(Describe(diagnostics))
{
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; } = diagnostics;

    private static string Describe(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return $"gateway-config has {errors} error(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));
    }
}

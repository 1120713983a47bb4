namespace CrmFederation.Gateway.Configuration;

/// <summary>A deserialized config file, with what is needed to point diagnostics at its lines.</summary>
public sealed record ConfigFile<T>(string RelativePath, T Value, JsonLineIndex Lines)
{
    public ConfigDiagnostic Error(string jsonPath, string message, string? hint = null) =>
        new(DiagnosticSeverity.Error, RelativePath, Lines.LineOf(jsonPath), jsonPath, message, hint);

    public ConfigDiagnostic Warning(string jsonPath, string message, string? hint = null) =>
        new(DiagnosticSeverity.Warning, RelativePath, Lines.LineOf(jsonPath), jsonPath, message, hint);
}

namespace CrmFederation.Gateway.Configuration;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in gateway-config: where it is, what is wrong, and how to fix it.</summary>
public sealed record ConfigDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    int? Line,
    string JsonPath,
    string Message,
    string? Hint = null)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        var path = string.IsNullOrEmpty(JsonPath) ? "" : $" ({JsonPath})";
        var hint = Hint is null ? "" : $" Hint: {Hint}";
        return $"{Severity.ToString().ToLowerInvariant()}: {where}{path}: {Message}{hint}";
    }
}

using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Http;

/// <summary>A config diagnostic as the admin API writes it: <c>{"file","line","column","path","message","hint"}</c>.</summary>
public sealed record DiagnosticBody(string File, int? Line, int? Column, string Path, string Message, string? Hint)
{
    /// <summary>Diagnostics carry no column yet; the field is in the contract for when they do.</summary>
    public static DiagnosticBody Of(ConfigDiagnostic diagnostic) =>
        new(diagnostic.File, diagnostic.Line, null, diagnostic.JsonPath, diagnostic.Message, diagnostic.Hint);
}

using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Finds the one diagnostic whose message contains a fragment and checks where it points.</summary>
public static class DiagnosticAssert
{
    public static ConfigDiagnostic Single(
        IReadOnlyList<ConfigDiagnostic> diagnostics,
        DiagnosticSeverity severity,
        string file,
        int? line,
        string messageFragment,
        string? jsonPath = null)
    {
        var matching = diagnostics.Where(d => d.Message.Contains(messageFragment, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1,
            $"Expected one diagnostic containing \"{messageFragment}\", found {matching.Count}:{Environment.NewLine}{Describe(diagnostics)}");
        var diagnostic = matching[0];
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(file, diagnostic.File);
        Assert.Equal(line, diagnostic.Line);
        if (jsonPath is not null)
        {
            Assert.Equal(jsonPath, diagnostic.JsonPath);
        }

        return diagnostic;
    }

    /// <summary>Like <see cref="Single"/> for an error, and the error must say how to fix it.</summary>
    public static ConfigDiagnostic Error(
        IReadOnlyList<ConfigDiagnostic> diagnostics, string file, int? line, string messageFragment, string? jsonPath = null)
    {
        var diagnostic = Single(diagnostics, DiagnosticSeverity.Error, file, line, messageFragment, jsonPath);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Hint), $"The diagnostic has no hint: {diagnostic}");
        return diagnostic;
    }

    public static string Describe(IEnumerable<ConfigDiagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));
}

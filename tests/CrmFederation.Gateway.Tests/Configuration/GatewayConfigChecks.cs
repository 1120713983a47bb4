using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Tests.Deployment;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// Checks that hold for any gateway-config directory: the repository's own (<see cref="SampleGatewayConfigTests"/>)
/// and a copy with one more source (<see cref="FifthSourceTests"/>).
/// </summary>
public static class GatewayConfigChecks
{
    public static void AssertCompilesWithoutDiagnostics(string configDirectory)
    {
        var (snapshot, diagnostics) = ConfigSandbox.TryCompile(configDirectory, ConfigSandbox.VariablesFor(configDirectory));

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
        Assert.Empty(snapshot.Warnings);
    }

    /// <summary>One compiled source per file in sources/, named as its file, each with the endpoints the file declares.</summary>
    public static GatewaySnapshot AssertCompilesEverySourceFile(string configDirectory)
    {
        var (snapshot, _) = ConfigSandbox.TryCompile(configDirectory, ConfigSandbox.VariablesFor(configDirectory));

        Assert.NotNull(snapshot);
        var files = Directory.GetFiles(Path.Combine(configDirectory, "sources"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, snapshot.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.All(snapshot.Sources.Values, source => Assert.NotEmpty(source.Endpoints));
        return snapshot;
    }

    public static void AssertBaseUrlDefaultsApplyWhenUnset(string configDirectory)
    {
        var variables = ConfigSandbox.VariablesFor(configDirectory)
            .Where(v => !GatewayConfigReferences.BaseUrlVariables(configDirectory).Values.Contains(v.Key))
            .ToDictionary(StringComparer.Ordinal);

        var (snapshot, diagnostics) = ConfigSandbox.TryCompile(configDirectory, variables);

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.All(GatewayConfigReferences.DefaultBaseUrls(configDirectory), source => Assert.Equal(source.Value, snapshot!.Sources[source.Key].BaseUri));
    }
}

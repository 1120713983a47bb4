using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// docker-compose.yml against a gateway-config directory: the repository's own (<see cref="ComposeFileTests"/>)
/// and a copy with one more source (<c>FifthSourceTests</c>).
/// </summary>
public static class ComposeChecks
{
    /// <summary>
    /// Compose sets every variable of the sources the sample-systems container serves. The variables of any
    /// other source (the deployment's own systems) come from the optional env file, so adding a source to
    /// gateway-config needs no edit here.
    /// </summary>
    public static void AssertGatewayEnvironmentCoversSampleBackedSources(ComposeFile compose, string configDirectory)
    {
        var environment = compose.Environment("gateway");
        var sampleBacked = GatewayConfigReferences.SampleBackedSources(configDirectory);
        var missing = GatewayConfigReferences.Variables(configDirectory)
            .Where(r => sampleBacked.ContainsKey(Path.GetFileNameWithoutExtension(r.File)) && !environment.ContainsKey(r.Variable))
            .Select(r => $"{r.Variable} (sources/{r.File})")
            .ToList();

        Assert.True(missing.Count == 0, "not set for the gateway: " + string.Join(", ", missing));
    }

    public static void AssertGatewayReadsTheOptionalEnvFile(ComposeFile compose)
    {
        var envFile = Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(compose.Find("gateway", "env_file")).Children));

        Assert.Equal("./deploy/gateway.env", YamlFile.Text(envFile.Children[new YamlScalarNode("path")]));
        Assert.Equal("false", YamlFile.Text(envFile.Children[new YamlScalarNode("required")]));
    }

    /// <summary>Each sample-backed source's base URL points at the sample-systems container, on the port its default names and compose publishes.</summary>
    public static void AssertSampleSystemsWiredToTheirSources(ComposeFile compose, string configDirectory)
    {
        var environment = compose.Environment("gateway");
        var sampleBacked = GatewayConfigReferences.SampleBackedSources(configDirectory);
        var published = compose.Ports("sample-systems");

        Assert.Equal(sampleBacked.Values.Order().Select(p => (p, p)), published.Order());
        foreach (var (source, variable) in GatewayConfigReferences.BaseUrlVariables(configDirectory).Where(b => sampleBacked.ContainsKey(b.Key)))
        {
            Assert.Equal(new Uri($"http://sample-systems:{sampleBacked[source]}"), new Uri(environment[variable]));
        }
    }
}

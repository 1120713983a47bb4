using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;
using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// docker-compose.yml, read with YamlDotNet (compose cannot run here): the services are there and
/// wired to each other the way gateway-config, the images and the collector config expect. The checks
/// against gateway-config are in <see cref="ComposeChecks"/>.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] LongRunning = ["gateway", "sample-systems", "redis", "otel-collector", "jaeger"];

    private readonly Lazy<ComposeFile> _file = new(ComposeFile.Load);

    private ComposeFile Compose => _file.Value;

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("deploy/otel-collector.yaml")]
    public void Yaml_DeploymentFile_Parses(string relativePath)
    {
        Assert.NotEmpty(YamlFile.Load(relativePath).Root.Children);
    }

    [Fact]
    public void Services_Compose_GatewaySampleSystemsRedisCollectorAndJaeger()
    {
        Assert.Equal(LongRunning.Order(StringComparer.Ordinal), Compose.ServiceNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Gateway_Ports_Publishes5080OnThePortItsImageListensOn()
    {
        Assert.Equal([(5080, 8080)], Compose.Ports("gateway"));
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", Dockerfile.Load("src/CrmFederation.Gateway/Dockerfile").FinalStage.Env);
    }

    [Fact]
    public void Gateway_Ports_PublishedOnLoopbackOnly()
    {
        Assert.All(YamlFile.Texts(Compose.Find("gateway", "ports")!), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public void Gateway_Environment_SetsEveryVariableOfTheSampleBackedSources()
    {
        Assert.Contains(GatewayConfigReferences.Variables(), r => r.Variable == "CRMFED_CRM_CLIENT_SECRET");
        ComposeChecks.AssertGatewayEnvironmentCoversSampleBackedSources(Compose, RepositoryPaths.GatewayConfig);
    }

    [Fact]
    public void Gateway_Environment_SetsEveryVariableAccessJsonReferences()
    {
        var environment = Compose.Environment("gateway");
        var references = GatewayConfigReferences.AccessVariables();
        var missing = references.Where(r => !environment.ContainsKey(r.Variable)).Select(r => r.Variable).ToList();

        Assert.Contains(references, r => r.Variable == "CRMFED_API_KEYS");
        Assert.True(missing.Count == 0, "not set for the gateway: " + string.Join(", ", missing));
    }

    [Fact]
    public void Gateway_EnvFile_OptionalDeployGatewayEnvForTheDeploymentsOwnSources()
    {
        ComposeChecks.AssertGatewayReadsTheOptionalEnvFile(Compose);
    }

    /// <summary>The client credentials (API key hashes, the JWT signing key) come from the operator's environment, required, never written in the file.</summary>
    [Fact]
    public void Gateway_ClientCredentials_RequiredFromTheEnvironmentNeverWritten()
    {
        var environment = Compose.Environment("gateway");
        var credentials = GatewayConfigReferences.AccessVariables().Where(r => r.Default is null).Select(r => r.Variable).ToList();

        Assert.Equal(["CRMFED_API_KEYS", "CRMFED_JWT_SIGNING_KEY"], credentials.Order(StringComparer.Ordinal));
        Assert.All(credentials, variable => Assert.Matches($@"^\$\{{{variable}:\?[^}}]+\}}$", environment[variable]));
    }

    [Fact]
    public void SampleSystems_Ports_MatchGatewayConfigDefaultsAndTheGatewaysBaseUrls()
    {
        var options = new SampleSystemsOptions();

        Assert.Equal([7101, 7102, 7103, 7104], new[] { options.CrmPort, options.ErpPort, options.HelpdeskPort, options.CommercePort });
        Assert.Equal(4, GatewayConfigReferences.SampleBackedSources().Count);
        ComposeChecks.AssertSampleSystemsWiredToTheirSources(Compose, RepositoryPaths.GatewayConfig);
    }

    [Fact]
    public void Gateway_Otlp_PointsAtTheCollectorsGrpcReceiver()
    {
        var environment = Compose.Environment("gateway");
        var collector = YamlFile.Load("deploy/otel-collector.yaml");

        // The gateway's UseOtlpExporter speaks gRPC unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise.
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_PROTOCOL") && environment["OTEL_EXPORTER_OTLP_PROTOCOL"] != "grpc");
        var endpoint = new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var receiver = new Uri("tcp://" + YamlFile.Text(collector.Node("receivers", "otlp", "protocols", "grpc", "endpoint")));
        Assert.Equal("otel-collector", endpoint.Host);
        Assert.Equal(receiver.Port, endpoint.Port);
        Assert.Contains("otlp", YamlFile.Texts(collector.Node("service", "pipelines", "traces", "receivers")));
        Assert.Contains(YamlFile.Texts(Compose.Find("otel-collector", "volumes")!), v => v.StartsWith("./deploy/otel-collector.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void Collector_TracesPipeline_ExportsToJaegerOverOtlp()
    {
        var collector = YamlFile.Load("deploy/otel-collector.yaml");

        var exporters = YamlFile.Texts(collector.Node("service", "pipelines", "traces", "exporters"));

        var toJaeger = exporters.Where(e => e.Split('/')[0] == "otlp")
            .Select(e => new Uri("tcp://" + YamlFile.Text(collector.Node("exporters", e, "endpoint"))))
            .Where(u => u.Host == "jaeger")
            .ToList();
        Assert.Equal(4317, Assert.Single(toJaeger).Port);
        Assert.Equal("true", Compose.Environment("jaeger")["COLLECTOR_OTLP_ENABLED"]);
    }

    [Fact]
    public void Redis_Command_NoPersistenceAndThePasswordTheGatewayUses()
    {
        var command = YamlFile.Texts(Compose.Find("redis", "command")!);

        Assert.Equal("", After(command, "--save"));
        Assert.Equal("no", After(command, "--appendonly"));
        var password = ComposeFile.Interpolated(After(command, "--requirepass"));
        Assert.Equal(["REDIS_PASSWORD"], password);
        var connection = Compose.Environment("gateway")["Gateway__Cache__RedisConnectionString"];
        Assert.StartsWith("redis:6379,", connection, StringComparison.Ordinal);
        Assert.Equal(password, ComposeFile.Interpolated(connection));
        Assert.Equal(["CRMFED_CACHE_KEY"], ComposeFile.Interpolated(Compose.Environment("gateway")["Gateway__Cache__EncryptionKey"]));
    }

    [Fact]
    public void Services_LongRunning_EachHasARestartPolicy()
    {
        Assert.All(LongRunning, service =>
            Assert.Contains(Compose.Find(service, "restart") is YamlScalarNode restart ? restart.Value : null, new[] { "always", "unless-stopped", "on-failure" }));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("sample-systems")]
    [InlineData("redis")]
    public void Services_GatewayAndWhatItNeeds_EachHasAHealthCheck(string service)
    {
        Assert.NotEmpty(Compose.HealthCheck(service));
    }

    [Fact]
    public void Gateway_HealthCheck_RunsItsBuiltInProbeAgainstHealthReady()
    {
        Assert.Equal(["dotnet", "CrmFederation.Gateway.dll", "healthcheck", "http://localhost:8080/health/ready"], Compose.HealthCheck("gateway"));
    }

    [Fact]
    public void SampleSystems_HealthCheck_RunsItsBuiltInProbeAgainstTheCrm()
    {
        var command = Compose.HealthCheck("sample-systems");

        Assert.Equal(["dotnet", "CrmFederation.SampleSystems.dll", "healthcheck"], command.Take(3));
        Assert.Equal(new SampleSystemsOptions().CrmPort, new Uri(Assert.Single(command.Skip(3))).Port);
    }

    [Fact]
    public void Gateway_DependsOn_SampleSystemsAndRedisHealthy()
    {
        Assert.Equal("service_healthy", YamlFile.Text(Compose.Find("gateway", "depends_on", "sample-systems", "condition")!));
        Assert.Equal("service_healthy", YamlFile.Text(Compose.Find("gateway", "depends_on", "redis", "condition")!));
        Assert.NotNull(Compose.Find("gateway", "depends_on", "otel-collector"));
    }

    private static string After(IReadOnlyList<string> command, string flag)
    {
        var index = command.ToList().IndexOf(flag);
        Assert.True(index >= 0 && index + 1 < command.Count, $"'{flag}' with a value is missing from: {string.Join(' ', command)}");
        return command[index + 1];
    }
}

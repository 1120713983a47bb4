using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Deployment;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// A new source touches nothing but gateway-config: a copy of the repository's gateway-config with a
/// fifth source (a loyalty system, played by WireMock) and a field bound to it passes the repository's
/// own checks of gateway-config and docker-compose, and the gateway serves the field next to the others.
/// </summary>
public sealed class FifthSourceTests : IAsyncLifetime
{
    private const string TokenVariable = "CRMFED_LOYALTY_TOKEN";

    private WireMockServer _loyalty = null!;
    private ConfigSandbox _config = null!;

    public Task InitializeAsync()
    {
        _loyalty = WireMockServer.Start();
        _config = WithLoyaltySource();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _loyalty.Dispose();
        _config.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void ConfigChecks_WithAFifthSource_PassAsForTheRepositorysConfig()
    {
        GatewayConfigChecks.AssertCompilesWithoutDiagnostics(_config.Directory);
        var snapshot = GatewayConfigChecks.AssertCompilesEverySourceFile(_config.Directory);
        GatewayConfigChecks.AssertBaseUrlDefaultsApplyWhenUnset(_config.Directory);

        Assert.Equal(5, snapshot.Sources.Count);
    }

    [Fact]
    public void ComposeChecks_WithAFifthSource_PassAsForTheRepositorysConfig()
    {
        var compose = ComposeFile.Load();

        ComposeChecks.AssertGatewayEnvironmentCoversSampleBackedSources(compose, _config.Directory);
        ComposeChecks.AssertSampleSystemsWiredToTheirSources(compose, _config.Directory);
        ComposeChecks.AssertGatewayReadsTheOptionalEnvFile(compose);
        Assert.DoesNotContain("loyalty", GatewayConfigReferences.SampleBackedSources(_config.Directory).Keys);
    }

    [Fact]
    public void TryCompile_FifthSourcesTokenUnset_HintDoesNotOfferDemoModeWhichDoesNotSupplyIt()
    {
        var variables = ConfigSandbox.VariablesFor(_config.Directory).Where(v => v.Key is not (TokenVariable or "CRMFED_ERP_PASSWORD")).ToDictionary();
        var policy = new UnsetValuePolicy { VariableAdvice = variable => DemoMode.AdviceFor(variable, demoRunning: false) };

        var (_, diagnostics) = StandaloneCompiler.TryCompile(_config.Directory, variables.GetValueOrDefault, policy);

        var loyalty = Assert.Single(diagnostics, d => d.Message.Contains(TokenVariable, StringComparison.Ordinal));
        Assert.DoesNotContain("--demo", loyalty.Hint, StringComparison.Ordinal);
        var erp = Assert.Single(diagnostics, d => d.Message.Contains("CRMFED_ERP_PASSWORD", StringComparison.Ordinal));
        Assert.Contains("--demo", erp.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_FifthSourcesTokenUnsetInDemoMode_HintSaysDemoModeDoesNotSupplyIt()
    {
        var variables = ConfigSandbox.VariablesFor(_config.Directory).Where(v => v.Key != TokenVariable).ToDictionary();
        var policy = new UnsetValuePolicy { VariableAdvice = variable => DemoMode.AdviceFor(variable, demoRunning: true) };

        var (_, diagnostics) = StandaloneCompiler.TryCompile(_config.Directory, variables.GetValueOrDefault, policy);

        var loyalty = Assert.Single(diagnostics);
        Assert.Equal("sources/loyalty.json", loyalty.File);
        Assert.Equal(
            "Set it in the environment, or reference a secret file instead. Demo mode supplies only the sample systems' variables, not this one: set it in the environment.",
            loyalty.Hint);
    }

    [Fact]
    public async Task Gateway_WithAFifthSource_ServesItsFieldNextToTheSampleSystemsFields()
    {
        await using var systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0, CustomerCount = 50 });
        var customer = systems.Data.CrmCustomers[0];
        _loyalty.Given(Request.Create().WithPath("/v1/points").UsingGet().WithParam("customer_refs", customer.Id).WithHeader("Authorization", "Bearer test-crmfed_loyalty_token"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(JsonSerializer.Serialize(new { data = new[] { new { customer_ref = customer.Id, points = 120, tier = "gold" } } })));
        await using var gateway = new GatewayFactory(TestGatewayVariables.For(systems, _config.Directory)
            .Where(v => v.Key != "CRMFED_LOYALTY_BASE_URL")
            .Append(new("CRMFED_LOYALTY_BASE_URL", _loyalty.Url))
            .Append(new("Gateway:ConfigPath", _config.Directory))
            .Append(new("Gateway:Cache:Enabled", "false")));
        var client = new GraphQLClient(gateway.CreateClient());

        var data = (await client.DataAsync("query($id: ID!) { customer(id: $id) { name loyalty { points tier } } }", new { id = customer.Id })).GetProperty("customer");

        Assert.Equal(customer.Name, data.GetProperty("name").GetString());
        Assert.Equal((120, "gold"), (data.GetProperty("loyalty").GetProperty("points").GetInt32(), data.GetProperty("loyalty").GetProperty("tier").GetString()));
    }

    [Fact]
    public async Task RunDemo_FifthSourcesTokenUnset_RefusesToStartSayingDemoModeDoesNotSupplyIt()
    {
        var (exitCode, output, error) = await GatewayMain.RunProcessAsync(
            ["--demo", "--urls", "http://127.0.0.1:0", "--Demo:CrmPort=0", "--Demo:ErpPort=0", "--Demo:HelpdeskPort=0", "--Demo:CommercePort=0", $"--Gateway:ConfigPath={_config.Directory}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("any other variable gateway-config references (a source beyond the four samples) must come from the environment", output, StringComparison.Ordinal);
        Assert.Contains("gateway-config has 1 error(s)", error, StringComparison.Ordinal);
        Assert.Contains($"environment variable '{TokenVariable}' is not set. Hint: Set it in the environment, or reference a secret file instead. Demo mode supplies only the sample systems' variables, not this one",
            error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The repository's gateway-config and a loyalty system: its source, its types, its bindings, and
    /// <c>Customer.loyalty</c> added to customer.json as a JSON edit (whatever else that file holds).
    /// </summary>
    private static ConfigSandbox WithLoyaltySource() => ConfigSandbox.CopyOfSample()
        .Write("sources/loyalty.json", """
            {
              "name": "loyalty",
              "description": "Loyalty programme: points and tier, keyed by the CRM id.",
              "baseUrl": { "env": "CRMFED_LOYALTY_BASE_URL", "default": "http://localhost:7190" },
              "auth": { "scheme": "bearer", "token": { "env": "CRMFED_LOYALTY_TOKEN" } },
              "endpoints": {
                "pointsByCustomer": { "path": "/v1/points", "keyParameter": "customer_refs", "items": "data", "matchOn": "customer_ref" }
              }
            }
            """)
        .Write("schema/loyalty.graphql", "extend type Customer {\n  loyalty: LoyaltyAccount\n}\n\ntype LoyaltyAccount {\n  points: Int!\n  tier: String!\n}\n")
        .Write("bindings/loyalty.json", """{ "types": { "LoyaltyAccount": { "fields": { "points": "points", "tier": "tier" } } } }""")
        .EditJson("bindings/customer.json", root => root["types"]!["Customer"]!["fields"]!["loyalty"] =
            JsonNode.Parse("""{ "fetch": { "source": "loyalty", "endpoint": "pointsByCustomer", "key": { "path": "id" } } }"""));
}

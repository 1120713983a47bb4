using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// The container health checks' built-in probes (<c>dotnet &lt;app&gt;.dll healthcheck &lt;url&gt;</c>;
/// the chiseled runtime images have no curl): exit 0 when the URL answers 2xx, 1 otherwise.
/// </summary>
public sealed class HealthProbeTests : IAsyncLifetime
{
    private WireMockServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath("/ok").UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        _server.Given(Request.Create().WithPath("/degraded").UsingGet()).RespondWith(Response.Create().WithStatusCode(204));
        _server.Given(Request.Create().WithPath("/unavailable").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        await WarmUpAsync(_server.Url + "/ok");
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/ok", 0)]
    [InlineData("/degraded", 0)]
    [InlineData("/unavailable", 1)]
    [InlineData("/missing", 1)]
    public async Task RunAsync_Status_ExitCode(string path, int expected)
    {
        Assert.Equal(expected, await HealthProbe.RunAsync(new Uri(_server.Url + path)));
    }

    [Fact]
    public async Task RunAsync_NothingListening_One()
    {
        Assert.Equal(1, await HealthProbe.RunAsync(new Uri(WireSources.ClosedPortUrl() + "/health/ready")));
    }

    [Fact]
    public async Task GatewayMain_HealthcheckAgainstTheGatewayOnKestrel_ZeroForReadyOneForAMissingPath()
    {
        await using var gateway = new ObservedGateway(GatewayVariables());
        gateway.UseKestrel(0);
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await WarmUpAsync(address + "/health/ready");

        Assert.Equal(0, await GatewayMain.RunAsync("healthcheck", address + "/health/ready"));
        Assert.Equal(0, await GatewayMain.RunAsync("healthcheck", address + "/health/live"));
        Assert.Equal(1, await GatewayMain.RunAsync("healthcheck", address + "/health/nothing-here"));
    }

    [Fact]
    public async Task SampleSystemsMain_HealthcheckArguments_ProbeExitCodeWithoutStartingTheSystems()
    {
        // docker-compose.yml's sample-systems health check runs: dotnet CrmFederation.SampleSystems.dll healthcheck <url>
        var live = await SampleSystems.Program.Main(["healthcheck", _server.Url + "/ok"]).WaitAsync(WireGate.HangGuard);
        var down = await SampleSystems.Program.Main(["healthcheck", _server.Url + "/unavailable"]).WaitAsync(WireGate.HangGuard);

        Assert.Equal((0, 1), (live, down));
    }

    /// <summary>
    /// The probes give up after 3 s; a server's very first answer (JIT, on a busy test machine) must
    /// not be what they measure, so each server answers once without a deadline first.
    /// </summary>
    private static async Task WarmUpAsync(string url)
    {
        using var http = new HttpClient { Timeout = WireGate.HangGuard };
        using var response = await http.GetAsync(new Uri(url));
    }

    /// <summary>Every variable gateway-config references, with sources at addresses nothing listens on (readiness makes no calls), the demo API keys and JWT signing key.</summary>
    private static Dictionary<string, string?> GatewayVariables()
    {
        var settings = GatewayConfigReferences.Variables().ToDictionary(
            r => r.Variable,
            r => r.Variable.EndsWith("_BASE_URL", StringComparison.Ordinal) ? WireSources.ClosedPortUrl() : (string?)"test-value",
            StringComparer.Ordinal);
        settings["Gateway:ConfigPath"] = RepositoryPaths.GatewayConfig;
        settings[DemoApiKeys.Variable] = DemoApiKeys.Secret();
        settings[DemoTokens.Variable] = DemoTokens.SigningKey;
        return settings;
    }
}

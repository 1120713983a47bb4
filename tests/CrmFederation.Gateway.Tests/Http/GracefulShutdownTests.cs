using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// SIGTERM to the built gateway, in its own process, while a request is in flight: the CRM answers
/// after a simulated latency (its <c>/_sim/faults</c> <c>latencyMs</c>), long enough to watch the
/// gateway refuse new connections, or drain, before the request completes and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private const int CrmLatencyMs = 4000;
    private const string Query = """{"query": "{ customer(id: \"C-000035\") { id name } }"}""";

    /// <summary>Only guards against a hang: the request takes about <see cref="CrmLatencyMs"/>.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly ConfigSandbox _config = ConfigSandbox.CopyOfSample();
    private RunningSampleSystems _systems = null!;
    private SimulationKnobs _knobs = null!;

    public async Task InitializeAsync()
    {
        // The CRM's answer must outlast its call budget of 5 s and each attempt's of 2 s.
        _config.EditJson("sources/crm.json", crm =>
        {
            crm["timeoutMs"] = 30_000;
            crm["resilience"] = new JsonObject { ["attemptTimeoutMs"] = 30_000 };
        });
        _systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        _knobs = new SimulationKnobs(_systems);
        await _knobs.SetFaultsAsync(_systems.CrmBaseUrl, new { latencyMs = CrmLatencyMs });
    }

    public async Task DisposeAsync()
    {
        await _systems.DisposeAsync();
        _knobs.Dispose();
        _config.Dispose();
    }

    [Fact]
    public async Task Sigterm_RequestInFlight_RefusesNewConnectionsFinishesTheRequestExitsZero()
    {
        await using var gateway = await StartGatewayAsync(drainSeconds: 0);
        using var http = gateway.CreateClient(timeout: Guard);
        var inFlight = PostAsync(http);
        await CrmCalledAsync();

        await gateway.TerminateAsync();
        await NewConnectionRefusedAsync(gateway);
        var stillInFlight = !inFlight.IsCompleted;
        var answer = await inFlight;

        Assert.True(stillInFlight, "the request was over before the gateway stopped listening: nothing shows it was let finish");
        Assert.Equal("C-000035", answer.GetProperty("data").GetProperty("customer").GetProperty("id").GetString());
        Assert.False(answer.TryGetProperty("errors", out _), answer.ToString());
        Assert.Equal(0, await gateway.ExitCodeAsync(Guard));
    }

    /// <summary>With a drain, readiness fails at once while the gateway keeps serving (liveness too), so load balancers take it out first.</summary>
    [Fact]
    public async Task Sigterm_WithDrain_ReadinessFailsAtOnceWhileStillServingThenExitsZero()
    {
        await using var gateway = await StartGatewayAsync(drainSeconds: 3);
        using var http = gateway.CreateClient(timeout: Guard);
        var inFlight = PostAsync(http);
        await CrmCalledAsync();
        var readyBefore = await HealthAsync(gateway, "/health/ready");

        await gateway.TerminateAsync();
        var notReady = await UntilAsync(async () => await HealthAsync(gateway, "/health/ready") is (HttpStatusCode.ServiceUnavailable, var body) ? body : null);
        var live = await HealthAsync(gateway, "/health/live");
        var answer = await inFlight;

        Assert.Equal(HttpStatusCode.OK, readyBefore.Status);
        Assert.Contains("Shutting down", notReady, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("C-000035", answer.GetProperty("data").GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(0, await gateway.ExitCodeAsync(Guard));
        Assert.Contains("Shutting down: not ready from now on, serving 3 s more", gateway.Output, StringComparison.Ordinal);
    }

    private Task<GatewayProcess> StartGatewayAsync(int drainSeconds) => GatewayProcess.StartAsync(
        [
            "--Gateway:ConfigPath=" + _config.Directory,
            "--Gateway:Cache:Enabled=false",
            "--Gateway:Shutdown:DrainSeconds=" + drainSeconds,
            "--Gateway:Shutdown:TimeoutSeconds=30",
        ],
        TestGatewayVariables.For(_systems, _config.Directory));

    private static async Task<JsonElement> PostAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(Query, System.Text.Encoding.UTF8, "application/json"));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the CRM has the request (it counts a call on arrival, before its latency).</summary>
    private Task CrmCalledAsync() => UntilAsync(async () =>
    {
        var calls = await _knobs.CallsAsync(_systems.CrmBaseUrl);
        return calls["GET /crm/v3/customers"] > 0 ? "called" : null;
    });

    /// <summary>Waits until a new connection to the gateway is refused.</summary>
    private static Task NewConnectionRefusedAsync(GatewayProcess gateway) => UntilAsync(async () =>
    {
        try
        {
            await HealthAsync(gateway, "/health/live");
            return null;
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return "refused";
        }
    });

    /// <summary>A health endpoint's status and body, asked on a new connection: a pooled one would outlive the listener.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(GatewayProcess gateway, string path)
    {
        using var client = gateway.CreateClient(apiKey: null);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> UntilAsync(Func<Task<string?>> probe)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            Assert.True(deadline.Elapsed < Guard, "gave up waiting");
            await Task.Delay(50);
        }
    }
}

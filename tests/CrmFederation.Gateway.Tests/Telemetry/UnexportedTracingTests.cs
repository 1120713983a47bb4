using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// Without an exporter the gateway records no spans, except for a caller that samples its
/// trace, whose trace still reaches the sources. Runs in the collection that runs alone, so every
/// span the listener sees is this gateway's.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class UnexportedTracingTests(ObservedSystemsFixture fixture) : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = new()
    {
        // Observes what the gateway's own sampler decided; votes for nothing itself.
        ShouldListenTo = source => source.Name is GatewayActivitySource.Name or "Microsoft.AspNetCore" or "System.Net.Http",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
    };

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task NoExporter_UnsampledCaller_NoSpans_SampledCaller_SpansUpToTheSources()
    {
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        await using var gateway = new GatewayFactory(TestGatewayVariables.For(fixture.Systems)
            .Append(new("Gateway:ConfigPath", RepositoryPaths.GatewayConfig))
            .Append(new("Gateway:Cache:Enabled", "false")));
        using var http = gateway.CreateClient();
        var id = fixture.Data.CrmCustomers[0].Id;

        await QueryAsync(http, id, traceparent: null);
        await QueryAsync(http, id, traceparent: "00");

        // ASP.NET Core keeps a propagation-only request activity (nothing recorded) for the trace context.
        Assert.DoesNotContain(_stopped, span => span.Recorded || span.Source.Name != "Microsoft.AspNetCore");
        var sampled = await QueryAsync(http, id, traceparent: "01");
        var spans = _stopped.Where(span => span.TraceId == sampled).ToList();
        Assert.Contains(spans, span => span.Recorded && span.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(spans, span => span.Recorded && span.Source.Name == GatewayActivitySource.Name);
        Assert.Contains(spans, span => span.Recorded && span.Source.Name == "System.Net.Http");
    }

    /// <summary>Sends a W3C traceparent with the given flags, or none when <paramref name="traceparent"/> is null.</summary>
    private static async Task<ActivityTraceId> QueryAsync(HttpClient http, string id, string? traceparent)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query($id: ID!) { customer(id: $id) { name billing { accountNumber } } }", variables = new { id } }),
        };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-{traceparent}");
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return trace;
    }
}

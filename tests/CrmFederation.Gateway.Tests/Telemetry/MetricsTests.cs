using System.Diagnostics;
using System.Net.Http.Json;
using CrmFederation.Gateway.Telemetry;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// The gateway's instruments, read from an in-memory exporter on its own MeterProvider: every source
/// instrument carries <c>source.name</c>, errors are counted by code, and circuits are observable.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class MetricsTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const string OneCustomer = """
        query One($id: ID!) {
          customer(id: $id) {
            id contacts { id } billing { accountNumber } invoices { number } support { id } shopper { id }
          }
        }
        """;

    private static readonly string[] Sources = ["commerce", "crm", "erp", "helpdesk"];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task SameCustomerTwiceWithCache_SourceAndCacheInstruments_RecordedPerSource()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true);
        var id = fixture.CustomerInAllFourSystems().Id;
        using var http = gateway.CreateClient();

        await gateway.QueryAsync(OneCustomer, new { id }, http);
        await gateway.QueryAsync(OneCustomer, new { id }, http);

        var points = Gateway(gateway.CollectMetrics());
        Assert.Equal(Sources, SourcesOf(points, "crmfed.source.batch.size"));
        Assert.Equal(Sources, SourcesOf(points, "crmfed.source.call.duration"));
        Assert.Equal(Sources, SourcesOf(points, "crmfed.cache.hits"));
        Assert.Equal(Sources, SourcesOf(points, "crmfed.cache.misses"));

        // The ERP account: one key per batch, looked up twice, fetched once.
        var accounts = Point(points, "crmfed.source.batch.size", "erp", "accountsByCrmRef");
        Assert.Equal((2, 2.0), (accounts.Count, accounts.Value));
        Assert.Equal(1, Point(points, "crmfed.cache.misses", "erp", "accountsByCrmRef").Value);
        Assert.Equal(1, Point(points, "crmfed.cache.hits", "erp", "accountsByCrmRef").Value);
        var erpCalls = Assert.Single(points, p => p.Instrument == "crmfed.source.call.duration" && p.Tag("source.name") == "erp");
        Assert.Equal(("", 2L), (erpCalls.Tag("error.code"), erpCalls.Count));
        Assert.True(erpCalls.Value > 0);
        Assert.DoesNotContain(points, p => p.Instrument == "crmfed.source.errors");

        var operations = Assert.Single(points, p => p.Instrument == "crmfed.operation.duration");
        Assert.Equal(("False", "query", 2L), (operations.Tag("graphql.errors"), operations.Tag("graphql.operation.type"), operations.Count));
        Assert.Equal(0, Assert.Single(points, p => p.Instrument == "crmfed.requests.in_flight").Value);
        Assert.Equal(Sources.Select(s => (s, 0.0)), Circuits(points));
    }

    [Fact]
    public async Task ErpDownUntilItsCircuitOpens_ErrorsByCodeRetriesAndCircuitState()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        await fixture.ErpDownAsync();
        using var http = gateway.CreateClient();
        var traces = new List<ActivityTraceId>();

        foreach (var id in fixture.CustomersWithAnErpAccount().Take(40))
        {
            var (_, trace) = await gateway.QueryAsync("query($id: ID!) { customer(id: $id) { billing { accountNumber } } }", new { id }, http);
            traces.Add(trace);
            if (gateway.SpansOf(trace).Named("source.call erp").Any(call => call.Text("source.circuit_state") == "open"))
            {
                break;
            }
        }

        var failedCalls = traces.SelectMany(gateway.SpansOf).Named("source.call erp").Where(call => call.Status == ActivityStatusCode.Error).ToList();
        Assert.Equal(traces.Count, failedCalls.Count);
        var points = Gateway(gateway.CollectMetrics());
        Assert.Equal([("erp", 2.0)], Circuits(points).Where(c => c.Source == "erp"));
        Assert.All(Circuits(points).Where(c => c.Source != "erp"), c => Assert.Equal(0, c.State));

        var errors = Assert.Single(points, p => p.Instrument == "crmfed.source.errors");
        Assert.Equal(("erp", "SOURCE_UNAVAILABLE", (double)failedCalls.Count), (errors.Tag("source.name"), errors.Tag("error.code"), errors.Value));
        var failedDurations = Assert.Single(points, p => p.Instrument == "crmfed.source.call.duration" && p.Tag("error.code") == "SOURCE_UNAVAILABLE");
        Assert.Equal(("erp", (long)failedCalls.Count), (failedDurations.Tag("source.name"), failedDurations.Count));

        var retries = Assert.Single(points, p => p.Instrument == "crmfed.source.retries");
        Assert.Equal("erp", retries.Tag("source.name"));
        Assert.Equal(failedCalls.Sum(call => call.Number("source.attempts") - 1), retries.Value);
        var operations = Assert.Single(points, p => p.Instrument == "crmfed.operation.duration");
        Assert.Equal(("True", (long)traces.Count), (operations.Tag("graphql.errors"), operations.Count));
    }

    /// <summary>A non-null list that came back empty because its source failed is an error of the operation, though it has a value.</summary>
    [Fact]
    public async Task ErpDown_InvoicesReplacedByEmptyLists_OperationCountedWithErrors()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        await fixture.ErpDownAsync();

        var (response, _) = await gateway.QueryAsync("{ customers(first: 2) { nodes { id invoices(status: OPEN) { number } } } }");

        Assert.Contains(response.GetProperty("errors").EnumerateArray(), e => e.GetProperty("extensions").GetProperty("valueReplaced").GetBoolean());
        var operations = Assert.Single(Gateway(gateway.CollectMetrics()), p => p.Instrument == "crmfed.operation.duration");
        Assert.Equal(("True", 1L), (operations.Tag("graphql.errors"), operations.Count));
    }

    /// <summary>
    /// Operations carry their type as OpenTelemetry's GraphQL conventions name it, and no operation
    /// name (clients choose those freely). A document that does not parse has no operation, so no type.
    /// </summary>
    [Fact]
    public async Task NamedQueryAndUnparsableDocument_DurationTaggedWithOperationTypeOnly()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        using var http = gateway.CreateClient();

        await gateway.QueryAsync("query ClientChosenName($id: ID!) { customer(id: $id) { id } }", new { id = fixture.CustomerInAllFourSystems().Id }, http);
        using var unparsable = await http.PostAsJsonAsync("/graphql", new { query = "query { customer(id: " });

        var durations = Gateway(gateway.CollectMetrics()).Where(p => p.Instrument == "crmfed.operation.duration").ToList();
        var query = Assert.Single(durations, p => p.Tag("graphql.operation.type") == "query");
        Assert.Equal(["graphql.errors", "graphql.operation.type"], query.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("False", 1L), (query.Tag("graphql.errors"), query.Count));
        var failed = Assert.Single(durations, p => !p.Tags.ContainsKey("graphql.operation.type"));
        Assert.Equal(("True", 1L), (failed.Tag("graphql.errors"), failed.Count));
    }

    private static List<MetricPointValue> Gateway(IEnumerable<OpenTelemetry.Metrics.MetricSnapshot> snapshots) =>
        MetricPointValue.From(snapshots.Where(s => s.MeterName == GatewayMetrics.MeterName)).ToList();

    private static string[] SourcesOf(IEnumerable<MetricPointValue> points, string instrument) =>
        points.Where(p => p.Instrument == instrument).Select(p => p.Tag("source.name")).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static MetricPointValue Point(IEnumerable<MetricPointValue> points, string instrument, string source, string endpoint) =>
        Assert.Single(points, p => p.Instrument == instrument && p.Tag("source.name") == source && p.Tag("source.endpoint") == endpoint);

    private static IEnumerable<(string Source, double State)> Circuits(IEnumerable<MetricPointValue> points) =>
        points.Where(p => p.Instrument == "crmfed.source.circuit.state").Select(p => (p.Tag("source.name"), p.Value)).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
}

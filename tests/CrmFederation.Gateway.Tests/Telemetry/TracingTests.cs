using System.Diagnostics;
using System.Text.Json;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// The spans of one request, read from an in-memory exporter on the gateway's own OpenTelemetry
/// pipeline: GraphQL.NET's operation span, a batch span per source endpoint beneath it, a call span
/// per upstream request, and HTTP client spans whose context reaches the sources.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class TracingTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const string Customer360 = """
        query Customer360Spans($first: Int!) {
          customers(first: $first) {
            nodes {
              id primaryEmail
              contacts { id }
              billing { accountNumber }
              invoices(status: OPEN) { number }
              support { id }
              tickets(status: [OPEN, PENDING]) { id }
              shopper { id }
              orders(first: 5) { id }
            }
          }
        }
        """;

    private const string Billing = "query Billing($id: ID!) { customer(id: $id) { id billing { accountNumber } } }";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Customer360_OneRequest_OneGraphQLSpanWithHashAndNoDocument()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var (_, trace) = await gateway.QueryAsync(Customer360, new { first = 10 });

        var spans = await gateway.CompletedSpansOfAsync(trace);
        var graphql = spans.GraphQLSpan();
        Assert.Equal("query Customer360Spans", graphql.DisplayName);
        Assert.Equal("query", graphql.Text("graphql.operation.type"));
        Assert.Equal("Customer360Spans", graphql.Text("graphql.operation.name"));
        Assert.Equal(TelemetryServiceCollectionExtensions.DocumentHash(Customer360), graphql.Text("graphql.document.hash"));
        Assert.Null(graphql.GetTagItem("graphql.document"));
        Assert.DoesNotContain(graphql.TagObjects, tag => Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains("customers(", StringComparison.Ordinal));
        Assert.Equal(spans.Single(ObservedGateway.IsGatewayServerSpan).SpanId, graphql.ParentSpanId);
    }

    [Fact]
    public async Task Customer360_OneRequest_OneBatchSpanPerSourceEndpointWithItsKeyCount()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var (response, trace) = await gateway.QueryAsync(Customer360, new { first = 10 });

        var nodes = response.GetProperty("data").GetProperty("customers").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(10, nodes.Count);
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["source.batch crm.contactsByCustomer"] = nodes.Count,
            ["source.batch erp.accountsByCrmRef"] = nodes.Count,
            ["source.batch erp.invoicesByAccount"] = Distinct(nodes, "billing", "accountNumber"),
            ["source.batch helpdesk.organizationsByExternalId"] = nodes.Count,
            ["source.batch helpdesk.ticketsByOrganization"] = Distinct(nodes, "support", "id"),
            ["source.batch commerce.customersByEmail"] = nodes.Select(n => n.GetProperty("primaryEmail").GetString()?.ToLowerInvariant()).OfType<string>().Distinct().Count(),
            ["source.batch commerce.ordersByCustomer"] = Distinct(nodes, "shopper", "id"),
        };
        var spans = await gateway.CompletedSpansOfAsync(trace);
        var graphql = spans.GraphQLSpan();
        var batches = spans.Named("source.batch ").ToList();
        Assert.Equal(expected, new SortedDictionary<string, int>(batches.ToDictionary(b => b.DisplayName, b => b.Number("source.batch.size")), StringComparer.Ordinal));
        Assert.All(batches, batch =>
        {
            Assert.Equal(graphql.SpanId, batch.ParentSpanId);
            Assert.Equal(batch.DisplayName["source.batch ".Length..], $"{batch.Text("source.name")}.{batch.Text("source.endpoint")}");
            Assert.Equal(ActivityStatusCode.Unset, batch.Status);
            Assert.Null(batch.GetTagItem("error.type"));
        });
    }

    [Fact]
    public async Task Customer360_OneRequest_CallSpansUnderTheirBatchWithHttpClientSpansBeneath()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var (_, trace) = await gateway.QueryAsync(Customer360, new { first = 10 });

        var spans = await gateway.CompletedSpansOfAsync(trace);
        var graphql = spans.GraphQLSpan();
        var calls = spans.Named("source.call ").ToList();

        // The page of customers is a call of its own, straight under the operation; every batch made at least one call.
        var pageCall = Assert.Single(spans.ChildrenOf(graphql).Named("source.call "));
        Assert.Equal("source.call crm", pageCall.DisplayName);
        var batches = spans.Named("source.batch ").ToList();
        foreach (var batch in batches)
        {
            var children = spans.ChildrenOf(batch).ToList();
            Assert.NotEmpty(children);
            Assert.All(children, call => Assert.Equal("source.call " + batch.Text("source.name"), call.DisplayName));
        }

        Assert.Equal(calls.Count, 1 + batches.Sum(batch => spans.ChildrenOf(batch).Count()));
        Assert.All(calls, call =>
        {
            Assert.Equal(1, call.Number("source.attempts"));
            Assert.Equal("closed", call.Text("source.circuit_state"));
            Assert.Equal(200, call.Number("http.response.status_code"));
            Assert.Equal(ActivityStatusCode.Unset, call.Status);
            var request = Assert.Single(spans.ChildrenOf(call).HttpClientSpans(), span => span.Text("http.request.method") == "GET");
            Assert.DoesNotContain("?", request.Text("url.full"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Customer360_SampleSystems_EachRequestArrivesWithItsClientSpanAsParent()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var (_, trace) = await gateway.QueryAsync(Customer360, new { first = 5 });

        // The sample systems run in this process: their own ASP.NET Core spans can only have the
        // gateway's client span as parent if the traceparent header carried it to them.
        var clients = (await gateway.CompletedSpansOfAsync(trace)).HttpClientSpans().ToList();
        Assert.True(clients.Count >= 8, $"expected a request per source endpoint, saw {clients.Count}");
        await gateway.Spans.WaitUntilAsync(recorded => clients.All(client =>
            recorded.Any(span => span.Kind == ActivityKind.Server && span.TraceId == trace && span.ParentSpanId == client.SpanId)));
    }

    [Fact]
    public async Task SourceCall_WireMockCommerce_ReceivesTraceparentOfItsHttpClientSpan()
    {
        using var commerce = WireMockServer.Start();
        commerce.Given(Request.Create().WithPath("/admin/api/2025-01/customers.json").UsingGet())
            .RespondWith(WireLog.Json(new { customers = Array.Empty<object>() }));
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false, [new("CRMFED_COMMERCE_BASE_URL", commerce.Url)]);
        var customer = fixture.CustomerInAllFourSystems();

        var (_, trace) = await gateway.QueryAsync("query($id: ID!) { customer(id: $id) { shopper { id } } }", new { id = customer.Id });

        var spans = await gateway.CompletedSpansOfAsync(trace);
        var call = Assert.Single(spans.Named("source.call commerce"));
        var client = Assert.Single(spans.ChildrenOf(call).HttpClientSpans());
        var received = Assert.Single(commerce.Requests("/admin/api/2025-01/customers.json"));
        Assert.Equal($"00-{trace.ToHexString()}-{client.SpanId.ToHexString()}-01", received.Header("traceparent"));
    }

    [Fact]
    public async Task SourceCall_ErpDown_ErrorStatusSourceUnavailableAndAttemptsMade()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        await fixture.ErpDownAsync();

        var (response, trace) = await gateway.QueryAsync(Billing, new { id = fixture.CustomersWithAnErpAccount().First() });

        Assert.Equal("SOURCE_UNAVAILABLE", response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var spans = await gateway.CompletedSpansOfAsync(trace);
        var call = Assert.Single(spans.Named("source.call erp"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("SOURCE_UNAVAILABLE", call.Text("error.type"));
        Assert.Equal(503, call.Number("http.response.status_code"));
        var attempts = call.Number("source.attempts");
        Assert.True(attempts > 0, $"attempts: {attempts}");
        Assert.Equal(attempts, spans.ChildrenOf(call).HttpClientSpans().Count());

        var batch = Assert.Single(spans.Named("source.batch erp.accountsByCrmRef"));
        Assert.Equal(batch.SpanId, call.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, batch.Status);
        Assert.Equal("SOURCE_UNAVAILABLE", batch.Text("error.type"));
        Assert.All(spans.Named("source.call crm"), crm => Assert.Equal(ActivityStatusCode.Unset, crm.Status));
    }

    [Fact]
    public async Task Batch_SameCustomerAgainWithCache_CacheHitsOnTheBatchSpanAndNoCall()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true);
        var id = fixture.CustomersWithAnErpAccount().First();
        using var http = gateway.CreateClient();

        var (_, first) = await gateway.QueryAsync(Billing, new { id }, http);
        var (_, second) = await gateway.QueryAsync(Billing, new { id }, http);

        var cold = Assert.Single((await gateway.CompletedSpansOfAsync(first)).Named("source.batch erp.accountsByCrmRef"));
        Assert.Equal((0, 1), (cold.Number("cache.hits"), cold.Number("cache.misses")));
        var spans = await gateway.CompletedSpansOfAsync(second);
        var warm = Assert.Single(spans.Named("source.batch erp.accountsByCrmRef"));
        Assert.Equal((1, 0), (warm.Number("cache.hits"), warm.Number("cache.misses")));
        Assert.Empty(spans.Named("source.call "));
        Assert.Empty(spans.HttpClientSpans());
    }

    private static int Distinct(List<JsonElement> nodes, string parent, string key) =>
        nodes.Select(n => n.GetProperty(parent)).Where(p => p.ValueKind == JsonValueKind.Object)
            .Select(p => p.GetProperty(key).GetString()).Distinct(StringComparer.Ordinal).Count();
}

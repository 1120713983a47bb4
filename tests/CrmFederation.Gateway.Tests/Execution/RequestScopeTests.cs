using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Execution;

public sealed class RequestScopeTests : IDisposable
{
    private const string Invoices = "/erp/odata/Invoices";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly SourceDefinition _source;
    private readonly EndpointDefinition _invoices;
    private readonly RequestScope _scope;

    public RequestScopeTests()
    {
        _source = WireSources.Source(_server.Url!);
        _invoices = WireSources.Endpoint(_source, Invoices, keyParameter: "accountNos", items: "value", matchOn: "AccountNo", many: true, maxBatchSize: 50);
        var client = new SourceClientFactory(_pool, TimeProvider.System).Create(_source);
        _scope = new RequestScope(new Dictionary<string, SourceClient> { [_source.Name] = client }, CancellationToken.None) { Permissions = OpenPolicy.Permissions };
        _server.Given(Request.Create().WithPath(Invoices).UsingGet())
            .RespondWith(WireLog.Json(new { value = new[] { new { InvoiceNo = "INV-2026-000123", AccountNo = "100001", Status = "Open" } } }));
    }

    public void Dispose()
    {
        _scope.Dispose();
        _server.Stop();
        _pool.Dispose();
    }

    [Fact]
    public void LoaderFor_EqualParameters_ReturnsSameLoader()
    {
        var first = _scope.LoaderFor(_invoices, [new("status", "Open")]);
        var second = _scope.LoaderFor(_invoices, [new("status", "Open")]);

        Assert.Same(first, second);
        Assert.Same(_scope.LoaderFor(_invoices, []), _scope.LoaderFor(_invoices, []));
    }

    [Fact]
    public void LoaderFor_DifferentParametersOrEndpoint_ReturnsDifferentLoaders()
    {
        var open = _scope.LoaderFor(_invoices, [new("status", "Open")]);
        var otherEndpoint = WireSources.Endpoint(_source, "/erp/odata/Accounts", keyParameter: "crmRefs", items: "value", matchOn: "CrmRef");

        Assert.NotSame(open, _scope.LoaderFor(_invoices, [new("status", "Paid")]));
        Assert.NotSame(open, _scope.LoaderFor(_invoices, []));
        Assert.NotSame(open, _scope.LoaderFor(otherEndpoint, [new("status", "Open")]));
    }

    [Fact]
    public async Task LoaderFor_ParametersThatJoinToSameText_SendsEachFieldsOwnParameters()
    {
        // Both lists flatten to "status=Open&Currency=EUR" when joined without escaping.
        var oneParameter = _scope.LoaderFor(_invoices, [new("status", "Open&Currency=EUR")]);
        var twoParameters = _scope.LoaderFor(_invoices, [new("status", "Open"), new("Currency", "EUR")]);

        await oneParameter.Load("100001").GetResultAsync();
        await twoParameters.Load("100001").GetResultAsync();

        Assert.Equal([new("status", "Open"), new("Currency", "EUR"), new("accountNos", "100001")], _server.Requests(Invoices)[^1].QueryPairs());
        Assert.NotSame(oneParameter, twoParameters);
    }

    [Fact]
    public async Task Dispose_AfterLoads_DisposesTheirDocuments()
    {
        var items = await _scope.LoaderFor(_invoices, []).Load("100001").GetResultAsync();
        var invoice = Assert.Single(items);
        Assert.Equal("INV-2026-000123", invoice.GetProperty("InvoiceNo").GetString());

        _scope.Dispose();

        Assert.Throws<ObjectDisposedException>(() => invoice.GetProperty("InvoiceNo"));
    }

    [Fact]
    public async Task Dispose_DocumentsFromEveryPage_AreAllDisposed()
    {
        _server.Given(Request.Create().WithPath("/api/v2/tickets").WithParam("page", "2").UsingGet()).AtPriority(1)
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 2, organization_id = 9000001 } }, next_page = (string?)null }));
        _server.Given(Request.Create().WithPath("/api/v2/tickets").UsingGet()).AtPriority(2)
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1, organization_id = 9000001 } }, next_page = $"{_server.Url}/api/v2/tickets?page=2" }));
        var tickets = WireSources.Endpoint(_source, "/api/v2/tickets", keyParameter: "organization_ids", items: "tickets", matchOn: "organization_id",
            many: true, paging: new PagingDefinition(JsonPath.Parse("next_page"), false, 5));
        var items = await _scope.LoaderFor(tickets, []).Load("9000001").GetResultAsync();
        Assert.Equal(2, items.Count);

        _scope.Dispose();

        Assert.All(items, item => Assert.Throws<ObjectDisposedException>(() => item.GetProperty("id")));
    }
}

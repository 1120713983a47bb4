using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class SourceClientPagingTests : IDisposable
{
    private const string Tickets = "/api/v2/tickets";
    private const string Orders = "/admin/api/2025-01/orders.json";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly WireMockServer _foreign = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };

    public void Dispose()
    {
        _documents.Dispose();
        _server.Stop();
        _foreign.Stop();
        _pool.Dispose();
    }

    [Fact]
    public async Task FetchItemsAsync_DottedItemsPath_ReturnsTheArrayItems()
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers").UsingGet())
            .RespondWith(WireLog.Json(new { data = new { results = new[] { new { id = "C-1" }, new { id = "C-2" } } }, total = 2 }));
        var endpoint = WireSources.Endpoint(Source(), "/crm/v3/customers", keyParameter: "ids", items: "data.results", matchOn: "id");

        var items = await FetchAsync(endpoint, ["C-1", "C-2"]);

        Assert.Equal(["C-1", "C-2"], items.Select(item => item.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task FetchItemsAsync_NoItemsPath_ReturnsTheBodyAsTheItem()
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers/C-1").UsingGet()).RespondWith(WireLog.Json(new { id = "C-1", name = "ACME" }));
        var endpoint = WireSources.Endpoint(Source(), "/crm/v3/customers/{key}");

        var item = Assert.Single(await FetchAsync(endpoint, ["C-1"]));

        Assert.Equal("ACME", item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task FetchItemsAsync_PerKeyNotFound_ReturnsNoItems()
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers/C-404").UsingGet()).RespondWith(WireLog.Json(new { error = "not_found" }, 404));

        Assert.Empty(await FetchAsync(WireSources.Endpoint(Source(), "/crm/v3/customers/{key}"), ["C-404"]));
    }

    [Fact]
    public async Task FetchItemsAsync_NextPageInBody_FollowsItUntilNull()
    {
        AnswerTicketPage(page: null, ids: [1, 2], next: 2);
        AnswerTicketPage(page: 2, ids: [3, 4], next: 3);
        AnswerTicketPage(page: 3, ids: [5], next: null);

        var items = await FetchAsync(TicketsEndpoint(maxPages: 10), ["9000001", "9000002"]);

        Assert.Equal([1, 2, 3, 4, 5], items.Select(item => item.GetProperty("id").GetInt32()));
        var requests = _server.Requests(Tickets);
        Assert.Equal(3, requests.Count);
        Assert.Equal("?per_page=100&organization_ids=9000001,9000002", requests[0].RawQuery);
        Assert.Equal(NextTicketsQuery(2), requests[1].RawQuery);
        Assert.Equal(NextTicketsQuery(3), requests[2].RawQuery);
    }

    [Fact]
    public async Task FetchItemsAsync_NextPageInLinkHeader_FollowsItUntilAbsent()
    {
        var page2 = $"{_server.Url}{Orders}?limit=250&page_info=p2";
        var page3 = $"{_server.Url}{Orders}?limit=250&page_info=p3";
        AnswerOrderPage(pageInfo: null, ids: [11, 12], link: $"<{page2}>; rel=\"next\"");
        AnswerOrderPage(pageInfo: "p2", ids: [13], link: $"<{_server.Url}{Orders}?limit=250&page_info=p1>; rel=\"previous\", <{page3}>; rel=\"next\"");
        AnswerOrderPage(pageInfo: "p3", ids: [14], link: $"<{page2}>; rel=\"previous\"");

        var items = await FetchAsync(OrdersEndpoint(), ["7000001", "7000002"]);

        Assert.Equal([11, 12, 13, 14], items.Select(item => item.GetProperty("id").GetInt32()));
        Assert.Equal(["?limit=250&customer_ids=7000001,7000002", "?limit=250&page_info=p2", "?limit=250&page_info=p3"],
            _server.Requests(Orders).Select(request => request.RawQuery));
    }

    [Fact]
    public async Task FetchItemsAsync_LinkHeaderUrlContainsComma_FollowsNextPage()
    {
        // RFC 3986 allows an unescaped comma in a query; the Link header's list separator is outside the <…>.
        var page2 = $"{_server.Url}{Orders}?customer_ids=7000001,7000002&limit=250&page_info=p2";
        AnswerOrderPage(pageInfo: null, ids: [11], link: $"<{page2}>; rel=\"next\"");
        AnswerOrderPage(pageInfo: "p2", ids: [12], link: null);

        var items = await FetchAsync(OrdersEndpoint(), ["7000001", "7000002"]);

        Assert.Equal([11, 12], items.Select(item => item.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task FetchItemsAsync_NextPageInBodyOnAnotherOrigin_FailsWithoutCallingIt()
    {
        _foreign.Given(Request.Create().UsingAnyMethod()).RespondWith(WireLog.Json(new { tickets = Array.Empty<object>(), next_page = (string?)null }));
        _server.Given(Request.Create().WithPath(Tickets).UsingGet())
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1 } }, next_page = $"{_foreign.Url}{Tickets}?page=2" }));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(TicketsEndpoint(maxPages: 10), ["9000001"]));

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
        Assert.Single(_server.Requests());
        Assert.Empty(_foreign.LogEntries);
    }

    [Fact]
    public async Task FetchItemsAsync_NextPageInLinkHeaderOnAnotherOrigin_FailsWithoutCallingIt()
    {
        _foreign.Given(Request.Create().UsingAnyMethod()).RespondWith(WireLog.Json(new { orders = Array.Empty<object>() }));
        AnswerOrderPage(pageInfo: null, ids: [11], link: $"<{_foreign.Url}{Orders}?page_info=p2>; rel=\"next\"");

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(OrdersEndpoint(), ["7000001"]));

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
        Assert.Empty(_foreign.LogEntries);
    }

    [Fact]
    public async Task FetchItemsAsync_MorePagesThanMaxPages_FailsAfterMaxPagesRequests()
    {
        _server.Given(Request.Create().WithPath(Tickets).UsingGet())
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1 } }, next_page = $"{_server.Url}{Tickets}?page=again" }));

        var failure = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(TicketsEndpoint(maxPages: 3), ["9000001"]));

        Assert.Equal(SourceErrorCode.BadResponse, failure.Code);
        Assert.Equal(3, _server.Requests(Tickets).Count);
    }

    [Fact]
    public async Task FetchItemsAsync_NoPagingConfigured_IgnoresNextLinks()
    {
        _server.Given(Request.Create().WithPath(Tickets).UsingGet())
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1 } }, next_page = $"{_server.Url}{Tickets}?page=2" }));
        var endpoint = WireSources.Endpoint(Source(), Tickets, keyParameter: "organization_ids", items: "tickets", matchOn: "organization_id");

        Assert.Single(await FetchAsync(endpoint, ["9000001"]));
        Assert.Single(_server.Requests());
    }

    private SourceDefinition Source() => WireSources.Source(_server.Url!);

    private EndpointDefinition TicketsEndpoint(int maxPages) =>
        WireSources.Endpoint(Source(), Tickets, keyParameter: "organization_ids", items: "tickets", matchOn: "organization_id", many: true,
            query: [new("per_page", "100")], paging: new PagingDefinition(JsonPath.Parse("next_page"), false, maxPages));

    private EndpointDefinition OrdersEndpoint() =>
        WireSources.Endpoint(Source(), Orders, keyParameter: "customer_ids", items: "orders", matchOn: "customer_id", many: true,
            query: [new("limit", "250")], paging: new PagingDefinition(null, true, 10));

    private static string NextTicketsQuery(int page) => $"?organization_ids=9000001,9000002&per_page=100&page={page}";

    private void AnswerTicketPage(int? page, int[] ids, int? next)
    {
        var request = Request.Create().WithPath(Tickets).UsingGet();
        request = page is null ? request.WithParam("page", MatchBehaviour.RejectOnMatch) : request.WithParam("page", $"{page}");
        var body = new
        {
            tickets = ids.Select(id => new { id, organization_id = 9000001 }),
            next_page = next is null ? null : $"{_server.Url}{Tickets}{NextTicketsQuery(next.Value)}",
            count = 5,
        };
        _server.Given(request).RespondWith(WireLog.Json(body));
    }

    private void AnswerOrderPage(string? pageInfo, int[] ids, string? link)
    {
        var request = Request.Create().WithPath(Orders).UsingGet();
        request = pageInfo is null ? request.WithParam("page_info", MatchBehaviour.RejectOnMatch) : request.WithParam("page_info", pageInfo);
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody(JsonSerializer.Serialize(new { orders = ids.Select(id => new { id, customer_id = 7000001 }) }));
        _server.Given(request).RespondWith(link is null ? response : response.WithHeader("Link", link));
    }

    private Task<List<JsonElement>> FetchAsync(EndpointDefinition endpoint, IReadOnlyList<string> keys) =>
        new SourceClientFactory(_pool, TimeProvider.System).Create(endpoint.Source).FetchItemsAsync(endpoint, keys, [], _documents, CancellationToken.None);
}

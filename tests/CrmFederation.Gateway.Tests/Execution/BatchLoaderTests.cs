using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Execution;

public sealed class BatchLoaderTests : IDisposable
{
    private const string Customers = "/crm/v3/customers";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly CancellationTokenSource _requestAborted = new();
    private readonly SourceDefinition _source;
    private readonly RequestScope _scope;

    public BatchLoaderTests()
    {
        _source = WireSources.Source(_server.Url!);
        var client = new SourceClientFactory(_pool, TimeProvider.System).Create(_source);
        _scope = new RequestScope(new Dictionary<string, SourceClient> { [_source.Name] = client }, _requestAborted.Token) { Permissions = OpenPolicy.Permissions };
    }

    public void Dispose()
    {
        _scope.Dispose();
        _server.Stop();
        _pool.Dispose();
        _requestAborted.Dispose();
    }

    [Fact]
    public async Task GetResultAsync_120KeysBatchSize50_SendsThreeChunksAtOnce()
    {
        using var gate = new WireGate(expectedArrivals: 3);
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(gate.Hold(request => CustomersFor(request)));
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source, maxBatchSize: 50), []);
        var keys = Enumerable.Range(1, 120).Select(i => $"C-{i:D6}").ToList();

        var loads = keys.Select(key => loader.Load(key)).ToList();
        var results = Task.WhenAll(loads.Select(load => load.GetResultAsync().AsTask()));
        await gate.Arrived; // all three chunks are at the source together, none answered yet
        gate.Open();
        var answers = await results;

        var chunks = _server.Requests(Customers).Select(request => request.CommaList("ids")).OrderBy(chunk => chunk[0], StringComparer.Ordinal).ToList();
        Assert.Equal([50, 50, 20], chunks.Select(chunk => chunk.Count));
        Assert.Equal(keys.Chunk(50), chunks);
        Assert.Equal(keys, answers.Select(items => Assert.Single(items).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Load_SameKeyTwice_ReturnsSameLoadAndSendsKeyOnce()
    {
        AnswerCustomers();
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);

        var first = loader.Load("C-1");
        var again = loader.Load("C-1");
        loader.Load("C-2");
        await first.GetResultAsync();

        Assert.Same(first, again);
        Assert.Equal(["C-1", "C-2"], Assert.Single(_server.Requests(Customers)).CommaList("ids"));
    }

    [Fact]
    public async Task GetResultAsync_ItemsReversedAndOneOmitted_MapsEachItemToItsKey()
    {
        AnswerCustomers(omit: "C-3");
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);
        var loads = new[] { "C-1", "C-2", "C-3", "C-4" }.ToDictionary(key => key, key => loader.Load(key));

        var results = new Dictionary<string, IReadOnlyList<JsonElement>>();
        foreach (var (key, load) in loads)
        {
            results[key] = await load.GetResultAsync();
        }

        Assert.Empty(results["C-3"]);
        foreach (var key in new[] { "C-1", "C-2", "C-4" })
        {
            Assert.Equal($"Name of {key}", Assert.Single(results[key]).GetProperty("name").GetString());
        }

        Assert.Single(_server.Requests(Customers));
    }

    [Fact]
    public async Task GetResultAsync_CaseInsensitiveEndpoint_MatchesDifferentlyCasedItem()
    {
        var loader = _scope.LoaderFor(ShoppersByEmail(caseInsensitive: true), []);

        var load = loader.Load("Jane@X.com");
        var items = await load.GetResultAsync();

        Assert.Equal(7000001, Assert.Single(items).GetProperty("id").GetInt32());
        Assert.Same(load, loader.Load("jane@x.com"));
    }

    [Fact]
    public async Task GetResultAsync_CaseSensitiveEndpoint_DoesNotMatchDifferentlyCasedItem()
    {
        var loader = _scope.LoaderFor(ShoppersByEmail(caseInsensitive: false), []);

        Assert.Empty(await loader.Load("Jane@X.com").GetResultAsync());
        Assert.NotSame(loader.Load("Jane@X.com"), loader.Load("jane@x.com"));
    }

    [Fact]
    public async Task GetResultAsync_ManyEndpoint_GroupsItemsPerKey()
    {
        var contacts = new[] { ("CT-1", "C-1"), ("CT-2", "C-2"), ("CT-3", "C-1"), ("CT-4", "C-2"), ("CT-5", "C-2") };
        _server.Given(Request.Create().WithPath("/crm/v3/contacts").UsingGet())
            .RespondWith(WireLog.Json(new { results = contacts.Select(c => new { id = c.Item1, customerId = c.Item2 }) }));
        var endpoint = WireSources.Endpoint(_source, "/crm/v3/contacts", keyParameter: "customerIds", items: "results", matchOn: "customerId", many: true);
        var loader = _scope.LoaderFor(endpoint, []);
        var (c1, c2, c3) = (loader.Load("C-1"), loader.Load("C-2"), loader.Load("C-3"));

        Assert.Equal(["CT-1", "CT-3"], Ids(await c1.GetResultAsync()));
        Assert.Equal(["CT-2", "CT-4", "CT-5"], Ids(await c2.GetResultAsync()));
        Assert.Empty(await c3.GetResultAsync());
    }

    [Fact]
    public async Task GetResultAsync_SingleItemEndpointAnsweredTwice_KeepsFirstItem()
    {
        _server.Given(Request.Create().WithPath(Customers).UsingGet())
            .RespondWith(WireLog.Json(new { results = new[] { new { id = "C-1", name = "first" }, new { id = "C-1", name = "second" } } }));

        var items = await _scope.LoaderFor(WireSources.CustomersById(_source), []).Load("C-1").GetResultAsync();

        Assert.Equal("first", Assert.Single(items).GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetResultAsync_NumericMatchOn_MatchesKeyText()
    {
        _server.Given(Request.Create().WithPath("/api/v2/tickets").UsingGet())
            .RespondWith(WireLog.Json(new { tickets = new[] { new { id = 1, organization_id = 9000002 }, new { id = 2, organization_id = 9000001 } } }));
        var endpoint = WireSources.Endpoint(_source, "/api/v2/tickets", keyParameter: "organization_ids", items: "tickets", matchOn: "organization_id", many: true);
        var loader = _scope.LoaderFor(endpoint, []);
        var (first, second) = (loader.Load("9000001"), loader.Load("9000002"));

        Assert.Equal(2, Assert.Single(await first.GetResultAsync()).GetProperty("id").GetInt32());
        Assert.Equal(1, Assert.Single(await second.GetResultAsync()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task GetResultAsync_PerKeyEndpoint_OneRequestPerKeyAndNotFoundIsEmpty()
    {
        _server.Given(Request.Create().WithPath("/crm/v3/customers/C-404").UsingGet()).AtPriority(1)
            .RespondWith(WireLog.Json(new { error = "not_found" }, 404));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/crm/v3/customers/*")).UsingGet()).AtPriority(2)
            .RespondWith(WireLog.Json(request => new { id = request.PathSegments[^1] }));
        var loader = _scope.LoaderFor(WireSources.Endpoint(_source, "/crm/v3/customers/{key}"), []);
        var (c1, missing, c2) = (loader.Load("C-1"), loader.Load("C-404"), loader.Load("C-2"));

        Assert.Equal(["C-1"], Ids(await c1.GetResultAsync()));
        Assert.Empty(await missing.GetResultAsync());
        Assert.Equal(["C-2"], Ids(await c2.GetResultAsync()));
        Assert.Equal(3, _server.Requests().Count);
    }

    [Fact]
    public async Task GetResultAsync_BatchFails_ThrowsSourceExceptionForEveryKey()
    {
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);
        var loads = new[] { "C-1", "C-2", "C-3" }.Select(key => loader.Load(key)).ToList();

        foreach (var load in loads)
        {
            var failure = await Assert.ThrowsAsync<SourceException>(() => load.GetResultAsync().AsTask());
            Assert.Equal(SourceErrorCode.Unavailable, failure.Code);
            Assert.Equal(503, failure.HttpStatus);
        }

        Assert.Single(_server.Requests(Customers));
    }

    [Fact]
    public async Task Load_AfterFailedBatch_SendsNewRequest()
    {
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);
        var failed = loader.Load("C-1");
        loader.Load("C-2");
        await Assert.ThrowsAsync<SourceException>(() => failed.GetResultAsync().AsTask());

        _server.ResetMappings();
        AnswerCustomers();
        var retried = loader.Load("C-1");
        var items = await retried.GetResultAsync();

        Assert.NotSame(failed, retried);
        Assert.Equal(["C-1"], Ids(items));
        Assert.Equal(["C-1"], _server.Requests(Customers)[1].CommaList("ids"));
        Assert.Equal(2, _server.Requests(Customers).Count);
    }

    [Fact]
    public async Task Load_WhileEarlierBatchInFlight_GoesToNewBatch()
    {
        using var gate = new WireGate(expectedArrivals: 2);
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(gate.Hold(request => CustomersFor(request)));
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);

        var first = loader.Load("C-1").GetResultAsync().AsTask();
        var second = loader.Load("C-2").GetResultAsync().AsTask();
        await gate.Arrived;
        gate.Open();
        await Task.WhenAll(first, second);

        var sent = _server.Requests(Customers).Select(request => string.Join(',', request.CommaList("ids"))).Order(StringComparer.Ordinal);
        Assert.Equal(["C-1", "C-2"], sent);
    }

    [Fact]
    public async Task Load_KeyAnsweredByEarlierBatch_IsMemoizedWithoutNewRequest()
    {
        AnswerCustomers();
        var loader = _scope.LoaderFor(WireSources.CustomersById(_source), []);
        var first = loader.Load("C-1");
        await first.GetResultAsync();

        var again = loader.Load("C-1");
        var items = await again.GetResultAsync();

        Assert.Same(first, again);
        Assert.Equal(["C-1"], Ids(items));
        Assert.Single(_server.Requests(Customers));
    }

    [Fact]
    public async Task GetResultAsync_RequestAbortedWhileInFlight_ThrowsOperationCanceled()
    {
        using var gate = new WireGate();
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(gate.Hold(request => CustomersFor(request)));
        var result = _scope.LoaderFor(WireSources.CustomersById(_source), []).Load("C-1").GetResultAsync().AsTask();
        await gate.Arrived;

        await _requestAborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result);
    }

    private EndpointDefinition ShoppersByEmail(bool caseInsensitive)
    {
        _server.Given(Request.Create().WithPath("/admin/api/2025-01/customers.json").UsingGet())
            .RespondWith(WireLog.Json(new { customers = new[] { new { id = 7000001, email = "jane@x.com" } } }));
        return WireSources.Endpoint(_source, "/admin/api/2025-01/customers.json", keyParameter: "emails", items: "customers",
            matchOn: "email", caseInsensitive: caseInsensitive, maxBatchSize: 50);
    }

    /// <summary>Answers the CRM batch lookup like a real source: in reverse order, silently omitting unknown keys.</summary>
    private void AnswerCustomers(string? omit = null) =>
        _server.Given(Request.Create().WithPath(Customers).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request => CustomersFor(request, omit)));

    private static string CustomersFor(IRequestMessage request, string? omit = null) =>
        JsonSerializer.Serialize(new
        {
            results = request.CommaList("ids").Reverse().Where(id => id != omit).Select(id => new { id, name = $"Name of {id}" }),
        });

    private static IEnumerable<string?> Ids(IReadOnlyList<JsonElement> items) => items.Select(item => item.GetProperty("id").GetString());
}

using System.Text;

namespace CrmFederation.SampleSystems.Tests.Simulation;

[Collection(SharedSystemsCollection.Name)]
public sealed class StatsTests(SharedSystemsFixture fixture) : IAsyncLifetime
{
    private readonly TestSystems _systems = fixture.Systems;

    public Task InitializeAsync() => _systems.ResetAsync();

    public Task DisposeAsync() => _systems.ResetAsync();

    [Fact]
    public async Task Stats_EachSystem_ListsExactlyItsRouteTemplates()
    {
        var expected = new Dictionary<Uri, string[]>
        {
            [_systems.Running.CrmBaseUrl] =
            [
                "POST /oauth/token", "GET /crm/v3/customers", "GET /crm/v3/customers/{id}", "PATCH /crm/v3/customers/{id}",
                "GET /crm/v3/contacts", "GET /crm/v3/deals",
            ],
            [_systems.Running.ErpBaseUrl] = ["GET /erp/odata/Accounts", "PATCH /erp/odata/Accounts/{AccountNo}", "GET /erp/odata/Invoices"],
            [_systems.Running.HelpdeskBaseUrl] = ["GET /api/v2/organizations/show_many", "GET /api/v2/tickets"],
            [_systems.Running.CommerceBaseUrl] = ["GET /admin/api/2025-01/customers.json", "GET /admin/api/2025-01/orders.json"],
        };

        foreach (var (system, routes) in expected)
        {
            var stats = await _systems.StatsAsync(system);
            Assert.Equal(["total", "routes"], stats.PropertyNames());
            Assert.Equal(routes, stats.GetProperty("routes").PropertyNames());
        }
    }

    [Fact]
    public async Task Stats_CountEveryRequestThatReachedARouteErrorsIncluded()
    {
        await _systems.RequestCrmTokenAsync();
        await _systems.Crm.FetchAsync("/crm/v3/customers?ids=C-000001");
        await _systems.Crm.FetchAsync("/crm/v3/customers?limit=500");
        await _systems.Crm.FetchAsync("/crm/v3/customers/C-000001");
        await _systems.Crm.FetchAsync("/crm/v3/customers/C-999999");
        await _systems.Crm.FetchAsync("/crm/v3/customers/C-000002");
        await _systems.Anonymous.GetAsync(new Uri(_systems.Running.CrmBaseUrl, "/crm/v3/contacts?customerIds=C-000001"));
        using (var patch = new StringContent("""{"segment":"Huge"}""", Encoding.UTF8, "application/json"))
        {
            await _systems.Crm.PatchAsync(new Uri("/crm/v3/customers/C-000001", UriKind.Relative), patch);
        }

        await _systems.Crm.FetchAsync("/crm/v3/no-such-route");

        var stats = await _systems.StatsAsync(_systems.Running.CrmBaseUrl);
        var routes = stats.GetProperty("routes");
        Assert.Equal(8, stats.GetProperty("total").GetInt32());
        Assert.Equal(1, routes.GetProperty("POST /oauth/token").GetInt32());
        Assert.Equal(2, routes.GetProperty("GET /crm/v3/customers").GetInt32());
        Assert.Equal(3, routes.GetProperty("GET /crm/v3/customers/{id}").GetInt32());
        Assert.Equal(1, routes.GetProperty("PATCH /crm/v3/customers/{id}").GetInt32());
        Assert.Equal(1, routes.GetProperty("GET /crm/v3/contacts").GetInt32());
        Assert.Equal(0, routes.GetProperty("GET /crm/v3/deals").GetInt32());
    }

    [Fact]
    public async Task Stats_KnobRequests_AreNotCounted()
    {
        var helpdesk = _systems.Running.HelpdeskBaseUrl;
        await _systems.StatsAsync(helpdesk);
        await _systems.SetFaultsAsync(helpdesk, """{"latencyMs":0}""");
        await _systems.Anonymous.GetJsonAsync(new Uri(helpdesk, "/_sim/faults"));

        var stats = await _systems.StatsAsync(helpdesk);

        Assert.Equal(0, stats.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Stats_ConcurrentRequests_AreCountedExactly()
    {
        const int Requests = 400;
        var commerce = _systems.Commerce;

        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var path = i % 2 == 0 ? "/admin/api/2025-01/orders.json?customer_ids=7000001" : "/admin/api/2025-01/customers.json?emails=a@b.com";
            using var response = await commerce.GetAsync(new Uri(path, UriKind.Relative));
        }));
        var stats = await _systems.StatsAsync(_systems.Running.CommerceBaseUrl);

        Assert.Equal(Requests, stats.GetProperty("total").GetInt32());
        Assert.Equal(Requests / 2, stats.GetProperty("routes").GetProperty("GET /admin/api/2025-01/orders.json").GetInt32());
        Assert.Equal(Requests / 2, stats.GetProperty("routes").GetProperty("GET /admin/api/2025-01/customers.json").GetInt32());
    }

    [Fact]
    public async Task Stats_RequestsFailedByFaults_AreCounted()
    {
        var erp = _systems.Running.ErpBaseUrl;
        await _systems.SetFaultsAsync(erp, """{"errorRate":1}""");
        await _systems.Erp.FetchAsync("/erp/odata/Invoices?accountNos=100001");
        await _systems.SetFaultsAsync(erp, """{"errorRate":0,"down":true}""");
        await _systems.Erp.FetchAsync("/erp/odata/Invoices?accountNos=100001");

        var stats = await _systems.StatsAsync(erp);

        Assert.Equal(2, stats.GetProperty("routes").GetProperty("GET /erp/odata/Invoices").GetInt32());
    }
}

using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Concurrent misses for one key share one upstream call. The sample systems' latency fault runs on
/// the fixture's fake clock, so each upstream answer is held until every request has missed (seen
/// through the gateway's own cache-miss metric) and only then released: the overlap is guaranteed,
/// not hoped for.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class StampedeTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private const int Requests = 20;
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task ConcurrentRequests_UncachedCustomer_OneUpstreamCallPerEndpoint()
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(3);
        const string Query = """
            query($id: ID!) {
              customer(id: $id) { id name contacts { email } billing { legalName } support { name } shopper { email } }
            }
            """;

        // The CRM token is fetched once per gateway; fetch it now, so that only data calls are held below.
        await gateway.Client.DataAsync("""{ customer(id: "C-999998") { id } }""");
        await fixture.ResetAsync();
        await fixture.SetFaultsEverywhereAsync(new { latencyMs = (int)Latency.TotalMilliseconds });
        using var misses = new EndpointMeasurements(gateway.Services, "crmfed.cache.misses");

        var responses = Enumerable.Range(0, Requests)
            .Select(_ => Task.Run(() => gateway.Client.QueryAsync(Query, new { id = customer.Id })))
            .ToList();

        // Level 1: every request has missed the customer, and the one call for it is held upstream.
        await misses.WaitUntilAsync(endpoint => misses.Sum(endpoint) >= Requests, "crm.customersById");
        await fixture.WaitForCallsAsync(UpstreamCalls.CrmCustomers);
        fixture.UpstreamClock.Advance(Latency);

        // Level 2: the four lookups of the customer's other fields, likewise.
        await misses.WaitUntilAsync(endpoint => misses.Sum(endpoint) >= Requests, "crm.contactsByCustomer", "erp.accountsByCrmRef", "helpdesk.organizationsByExternalId", "commerce.customersByEmail");
        await fixture.WaitForCallsAsync(UpstreamCalls.CrmContacts, UpstreamCalls.ErpAccounts, UpstreamCalls.HelpdeskOrganizations, UpstreamCalls.CommerceCustomers);
        fixture.UpstreamClock.Advance(Latency);

        var results = await Task.WhenAll(responses);
        Assert.All(results, result =>
        {
            Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
            Assert.Equal(customer.Account.Name, result.GetProperty("data").GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
        });
        Assert.Equal(
            """
            GET /admin/api/2025-01/customers.json=1
            GET /api/v2/organizations/show_many=1
            GET /crm/v3/contacts=1
            GET /crm/v3/customers=1
            GET /erp/odata/Accounts=1
            """,
            (await fixture.CallsAsync()).ToString());
    }
}

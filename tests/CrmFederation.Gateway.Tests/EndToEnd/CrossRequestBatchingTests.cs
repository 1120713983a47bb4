using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>
/// Concurrent requests share upstream calls, counted by the sample systems themselves. The systems
/// delay every answer, so that while one request's call is in flight the others arrive; how many
/// calls that saves depends on timing, so the bound is loose: far below what the requests cost alone.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class CrossRequestBatchingTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private const int Requests = 16;

    /// <summary>The benchmark's one-customer query (q2): data from all four systems, three levels deep.</summary>
    private const string CustomerById = """
        query CustomerById($id: ID!) {
          customer(id: $id) {
            id name segment
            contacts { id email }
            billing { accountNumber creditStatus }
            invoices(status: OPEN) { number amount { amount currency } }
            tickets(status: [OPEN, PENDING]) { id subject priority }
            orders(first: 5) { id totalPrice { amount currency } }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();

        // The CRM token is fetched once and cached; fetch it here so that counts below are of data calls only.
        await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");
        await fixture.ResetAsync();
    }

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task LoneRequest_CustomerById_TheBatchingMinimumOfOneCallPerEndpoint()
    {
        await fixture.Client.DataAsync(CustomerById, new { id = CustomersInAllFourSystems().First() });

        Assert.Equal(
            UpstreamCalls.OneCallPerDataEndpoint,
            new UpstreamCalls(await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task ConcurrentRequests_DifferentCustomers_FarFewerCallsThanAloneAndTheSameAnswers()
    {
        var ids = CustomersInAllFourSystems().Take(Requests).ToList();
        var alone = new List<string>();
        foreach (var id in ids)
        {
            alone.Add(Canonical(await fixture.Client.DataAsync(CustomerById, new { id })));
        }

        var callsAlone = new UpstreamCalls(await fixture.CallsAsync()).Data;
        await fixture.ResetAsync();
        foreach (var system in fixture.BaseUrls)
        {
            await fixture.SetFaultsAsync(system, new { latencyMs = 300 });
        }

        var together = await Task.WhenAll(ids.Select(id => Task.Run(() => fixture.Client.DataAsync(CustomerById, new { id }))));
        var callsTogether = new UpstreamCalls(await fixture.CallsAsync()).Data;

        Assert.Equal(alone, together.Select(Canonical));
        Assert.True(callsTogether * 4 <= callsAlone, $"{Requests} requests made {callsTogether} upstream calls together, {callsAlone} one after another.");
    }

    private IEnumerable<string> CustomersInAllFourSystems()
    {
        var data = fixture.Systems.Data;
        var accounts = data.ErpAccounts.Select(a => a.CrmRef).ToHashSet(StringComparer.Ordinal);
        var shoppers = data.CommerceCustomers.Select(s => s.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // One page of tickets each (up to 100), so that every endpoint is one call per batch.
        var ticketsPerOrganization = data.HelpdeskTickets.CountBy(t => t.OrganizationId).ToDictionary();
        var organizations = data.HelpdeskOrganizations
            .Where(o => ticketsPerOrganization.GetValueOrDefault(o.Id) <= 100)
            .Select(o => o.ExternalId)
            .ToHashSet(StringComparer.Ordinal);
        return data.CrmCustomers
            .Where(c => accounts.Contains(c.Id) && organizations.Contains(c.Id) && c.PrimaryEmail is { } email && shoppers.Contains(email))
            .Select(c => c.Id);
    }

    /// <summary>The answer with every list sorted: a source lists a key's items in an order that may depend on the other keys of the batch.</summary>
    private static string Canonical(JsonElement data) => Sorted(JsonNode.Parse(data.GetRawText()))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject item => new JsonObject(item.Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Sorted).OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal)]),
        _ => node?.DeepClone(),
    };
}

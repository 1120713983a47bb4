using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The item cache holds source items for every caller; policies apply after it. With everything cached by
/// the admin, an agent and an analyst asking in turn are answered without a call, and neither gets a field
/// the other may see and it may not.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class CallerPolicyCacheTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AgentAndAnalystInterleaved_EverythingCached_EachGetsOnlyItsOwnView()
    {
        await using var gateway = fixture.StartGateway();
        var customer = fixture.Customers.FullyLinked(3);
        var agent = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient(), DemoApiKeys.Agent));
        var analyst = new GraphQLClient(DemoCallers.Authenticate(gateway.CreateClient(), DemoApiKeys.Analyst));
        var everything = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var warm = await fixture.CallsAsync();

        for (var round = 0; round < 2; round++)
        {
            var asAgent = await agent.QueryAsync(CacheQueries.Customer360, new { id = customer.Id });
            var asAnalyst = await analyst.QueryAsync(CacheQueries.Customer360, new { id = customer.Id });

            var agentView = asAgent.GetProperty("data").GetProperty("customer");
            Assert.Equal(customer.Customer.PrimaryEmail, agentView.GetProperty("primaryEmail").GetString());
            Assert.Equal(customer.Shopper.Email, agentView.GetProperty("shopper").GetProperty("email").GetString());
            Assert.Equal(JsonValueKind.Null, agentView.GetProperty("billing").ValueKind);
            Assert.Equal(0, agentView.GetProperty("invoices").GetArrayLength());
            Assert.DoesNotContain(customer.Account.AccountNo, asAgent.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(["customer.billing", "customer.invoices"], GraphQLErrors.ForbiddenPaths(asAgent));

            var analystView = asAnalyst.GetProperty("data").GetProperty("customer");
            Assert.Equal(customer.Account.AccountNo, analystView.GetProperty("billing").GetProperty("accountNumber").GetString());
            Assert.Equal(everything.GetProperty("customer").GetProperty("invoices").GetRawText(), analystView.GetProperty("invoices").GetRawText());
            Assert.Equal(0, analystView.GetProperty("contacts").GetArrayLength());
            Assert.DoesNotContain("@", asAnalyst.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(["customer.contacts", "customer.primaryEmail", "customer.shopper"], GraphQLErrors.ForbiddenPaths(asAnalyst));
        }

        Assert.Equal(warm.ToString(), (await fixture.CallsAsync()).ToString());
    }
}

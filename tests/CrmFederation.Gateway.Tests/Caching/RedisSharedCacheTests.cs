using System.Text.Json;
using CrmFederation.Gateway.Tests.Configuration;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Redis as the L2 shared by gateway instances: what one instance fetched, another answers without
/// calling the source — but only an instance with the same config version and the same source
/// credentials.
/// </summary>
[Collection(RedisCachingCollection.Name)]
public sealed class RedisSharedCacheTests(RedisCachingFixture fixture) : IAsyncLifetime
{
    /// <summary>Customer360 fills one entry per cached endpoint of the four systems.</summary>
    private const int Customer360Entries = 8;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.Redis.FlushAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SecondInstance_SameRedis_AnswersWithoutUpstreamCall()
    {
        await using var first = fixture.StartGateway();
        await using var second = fixture.StartGateway();
        await fixture.WarmUpAsync(first, second);
        var customer = fixture.Customers.FullyLinked(0);

        var fetched = await first.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, first);
        await fixture.ResetAsync();
        var shared = await second.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        var calls = await fixture.CallsAsync();
        Assert.True(calls.Data == 0, $"The second instance called the sources:\n{calls}\nRedis keys: {string.Join(", ", await fixture.Redis.KeysAsync())}\nIts log:\n{second.Log}");
        Assert.Equal(fetched.GetRawText(), shared.GetRawText());
        Assert.Equal(customer.Account.Name, shared.GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
    }

    [Fact]
    public async Task ConfigsDifferingOnlyInABinding_DoNotShareEntries()
    {
        // Same sources, endpoints and credentials; one binding differs, so the config version differs.
        using var changed = ConfigSandbox.CopyOfSample()
            .Replace("bindings/customer.json", "\"phone\": \"phone\",\n        \"ownerEmail\": \"ownerEmail\",", "\"phone\": \"phone\",\n        \"ownerEmail\": \"primaryEmail\",");
        await using var original = fixture.StartGateway();
        await using var other = fixture.StartGateway(configPath: changed.Directory);
        await fixture.WarmUpAsync(original, other);
        var customer = fixture.Customers.FullyLinked(1);

        await original.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, original);
        await fixture.ResetAsync();
        var data = await other.Client.DataAsync("query($id: ID!) { customer(id: $id) { ownerEmail billing { legalName } } }", new { id = customer.Id });

        Assert.Equal(customer.Customer.PrimaryEmail, data.GetProperty("customer").GetProperty("ownerEmail").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls[UpstreamCalls.CrmCustomers]);
        Assert.Equal(1, calls[UpstreamCalls.ErpAccounts]);
        await fixture.Redis.WaitForKeysAsync(Customer360Entries + 2, other);
    }

    [Fact]
    public async Task OtherSourceCredentials_DoNotReadEntriesFetchedWithTheSampleOnes()
    {
        await using var sample = fixture.StartGateway();
        await using var otherUser = fixture.StartGateway([new("CRMFED_ERP_USER", "someone-else")]);
        await fixture.WarmUpAsync(sample, otherUser);
        var customer = fixture.Customers.FullyLinked(2);

        await sample.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(2, sample);
        await fixture.ResetAsync();
        var result = await otherUser.Client.QueryAsync(CacheQueries.Billing, new { id = customer.Id });

        // The ERP refuses the other user, and the gateway does not hand out what the sample user fetched.
        var calls = await fixture.CallsAsync();
        Assert.True(calls[UpstreamCalls.CrmCustomers] == 0, $"The CRM entry (same credentials) was not shared:\n{calls}\nIts log:\n{otherUser.Log}");
        Assert.True(calls[UpstreamCalls.ErpAccounts] >= 1, calls.ToString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("data").GetProperty("customer").GetProperty("billing").ValueKind);
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("erp", error.GetProperty("extensions").GetProperty("source").GetString());
    }

    /// <summary>
    /// A purge (or webhook) reaches one instance behind the load balancer. HybridCache records the
    /// invalidation in Redis, but another instance that has already looked the tag up keeps its own
    /// copy of the tag's invalidation time for good, and goes on serving the purged entry from Redis.
    /// </summary>
    [Fact(Skip = "Known bug: purges and webhooks do not reach other gateway instances; see the caching test report. Remove Skip once fixed.")]
    public async Task PurgeOnOneInstance_OtherInstanceCallsTheSourcesAgain()
    {
        await using var first = fixture.StartGateway();
        await using var second = fixture.StartGateway();
        await fixture.WarmUpAsync(first, second);
        var customer = fixture.Customers.FullyLinked(3);
        await first.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(2, first);
        await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        using var purged = await first.PurgeAsync(new { customerId = customer.Id });
        purged.EnsureSuccessStatusCode();

        // An invalidation may reach other instances a moment later: ask the second one until it calls the sources.
        using var guard = new CancellationTokenSource(RedisKeys.HangGuard);
        while (true)
        {
            await fixture.ResetAsync();
            await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
            var calls = await fixture.CallsAsync();
            if (calls.Data > 0)
            {
                Assert.True(calls[UpstreamCalls.CrmCustomers] == 1 && calls[UpstreamCalls.ErpAccounts] == 1, calls.ToString());
                return;
            }

            Assert.False(guard.IsCancellationRequested, $"The other instance still served the purged entries after {RedisKeys.HangGuard}.");
            await Task.Delay(50);
        }
    }
}

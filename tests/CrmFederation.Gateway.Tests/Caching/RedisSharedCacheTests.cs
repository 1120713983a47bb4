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

    /// <summary>
    /// Memory first: an entry this instance has just fetched is answered from its memory, without
    /// Redis reads. HybridCache holds a memory entry invalid (and drops it) until it has looked the
    /// entry's tags up in Redis; it starts those lookups when it writes the entry, and they must be
    /// done by the time the entry is read again.
    /// </summary>
    [Fact]
    public async Task RepeatedQuery_AnsweredFromMemory_WithoutRedisReads()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(4);
        var first = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway);
        await fixture.ResetAsync();
        var readsBefore = await RedisReadsAsync();

        var again = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
        Assert.Equal(readsBefore, await RedisReadsAsync());
    }

    [Fact]
    public async Task ConfigsDifferingOnlyInABinding_ShareEntries()
    {
        // Same sources, endpoints and credentials; one binding differs. Entries hold the sources' own items, keyed by
        // the endpoint's settings, not by the config's version: each instance maps the shared items its own way.
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
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task ConfigsDifferingInAnEndpointsSettings_DoNotShareThatEndpointsEntries()
    {
        using var changed = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"cache\": { \"ttlSeconds\": 300, \"maxStaleSeconds\": 3600 }", "\"cache\": { \"ttlSeconds\": 240, \"maxStaleSeconds\": 3600 }");
        await using var original = fixture.StartGateway();
        await using var other = fixture.StartGateway(configPath: changed.Directory);
        await fixture.WarmUpAsync(original, other);
        var customer = fixture.Customers.FullyLinked(6);

        await original.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, original);
        await fixture.ResetAsync();
        var data = await other.Client.DataAsync("query($id: ID!) { customer(id: $id) { name billing { legalName } } }", new { id = customer.Id });

        Assert.Equal(customer.Account.Name, data.GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
        Assert.Equal("GET /erp/odata/Accounts=1", (await fixture.CallsAsync()).ToString());
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
    /// copy of the tag's invalidation time for good, and would go on serving the purged entry from
    /// its memory and from Redis: the purge has to be published to the other instances.
    /// </summary>
    [Fact]
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

        var calls = await FirstCallsOfAsync(second, customer);
        Assert.True(calls[UpstreamCalls.CrmCustomers] == 1 && calls[UpstreamCalls.ErpAccounts] == 1, calls.ToString());
    }

    [Fact]
    public async Task SignedWebhookOnOneInstance_OtherInstanceCallsThatSourceAgain()
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var config = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 5000,\n  \"webhookSecret\": { \"env\": \"CRMFED_ERP_WEBHOOK_SECRET\" },");
        await using var first = fixture.StartGateway([new("CRMFED_ERP_WEBHOOK_SECRET", secret)], config.Directory);
        await using var second = fixture.StartGateway([new("CRMFED_ERP_WEBHOOK_SECRET", secret)], config.Directory);
        await fixture.WarmUpAsync(first, second);
        var customer = fixture.Customers.FullyLinked(5);
        await first.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(2, first);
        await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        // erp.accountsByCrmRef is keyed by the CRM id.
        using var response = await first.WebhookAsync("erp", $$"""{"keys":["{{customer.Id}}"]}""", secret);
        response.EnsureSuccessStatusCode();

        Assert.Equal("GET /erp/odata/Accounts=1", (await FirstCallsOfAsync(second, customer)).ToString());
    }

    /// <summary>Reads of entries and tag records: RedisCache reads with HMGET; HGET and GET are counted in case it changes.</summary>
    private async Task<long> RedisReadsAsync() =>
        await fixture.Redis.CommandCallsAsync("hmget") + await fixture.Redis.CommandCallsAsync("hget") + await fixture.Redis.CommandCallsAsync("get");

    /// <summary>
    /// An invalidation may reach another instance a moment later: asks <paramref name="instance"/> for
    /// the customer's billing until it calls the sources, and returns those calls.
    /// </summary>
    private async Task<UpstreamCalls> FirstCallsOfAsync(CacheGateway instance, SampleCustomers.Linked customer)
    {
        using var guard = new CancellationTokenSource(RedisKeys.HangGuard);
        while (true)
        {
            await fixture.ResetAsync();
            await instance.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
            var calls = await fixture.CallsAsync();
            if (calls.Data > 0)
            {
                return calls;
            }

            Assert.False(guard.IsCancellationRequested, $"The other instance still served the evicted entries after {RedisKeys.HangGuard}. Its log:\n{instance.Log}");
            await Task.Delay(50);
        }
    }
}

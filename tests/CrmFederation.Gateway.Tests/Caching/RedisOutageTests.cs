using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Redis is an optimisation: when it dies, is unreachable or comes back, queries keep answering from
/// memory and the sources, without errors. Each test kills a <c>redis-server</c> of its own, not the
/// collection's, after warming its gateway up into a running instance.
/// </summary>
[Collection(RedisCachingCollection.Name)]
public sealed class RedisOutageTests(RedisCachingFixture fixture) : IAsyncLifetime
{
    private const int Customer360Entries = 8;

    /// <summary>Only guards against a hang when the client never reconnects.</summary>
    private static readonly TimeSpan ReconnectGuard = TimeSpan.FromSeconds(60);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RedisKilledBetweenQueries_QueriesAnswerFromMemoryAndSources_WithoutErrors()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await fixture.WarmUpAsync(gateway);
        var (cached, uncached) = (fixture.Customers.FullyLinked(20), fixture.Customers.FullyLinked(21));
        var before = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        await redis.WaitForKeysAsync(Customer360Entries, gateway);

        await redis.KillAsync();
        await fixture.ResetAsync();
        var again = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        var callsForCached = await fixture.CallsAsync();
        var fresh = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = uncached.Id });
        var callsForUncached = await fixture.CallsAsync();
        var freshAgain = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = uncached.Id });

        // DataAsync has already asserted that no response carries errors.
        Assert.Equal(before.GetRawText(), again.GetRawText());
        Assert.Equal("(no calls)", callsForCached.ToString());
        Assert.Equal(uncached.Account.Name, Billing(fresh));
        Assert.Equal(Billing(fresh), Billing(freshAgain));
        Assert.True(callsForUncached.Data == Customer360Entries && callsForUncached[UpstreamCalls.CrmCustomers] == 1, "Expected one call per endpoint:\n" + callsForUncached);
    }

    [Fact]
    public async Task RedisRestartedOnTheSamePort_GatewayWritesToItAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await fixture.WarmUpAsync(gateway);
        const string Query = "query($id: ID!) { customer(id: $id) { id name } }";
        await gateway.Client.DataAsync(Query, new { id = fixture.Customers.FullyLinked(22).Id });
        await redis.WaitForKeysAsync(1, gateway);
        await redis.KillAsync();
        await gateway.Client.DataAsync(Query, new { id = fixture.Customers.FullyLinked(23).Id });

        await redis.RestartAsync();

        // The client reconnects on its own schedule; each round asks for a customer not asked before, until one reaches Redis.
        using var guard = new CancellationTokenSource(ReconnectGuard);
        var ids = fixture.Customers.Ids(skip: 1000, count: 1000);
        for (var round = 0; (await redis.KeysAsync()).Count == 0; round++)
        {
            Assert.False(guard.IsCancellationRequested, $"Nothing was written to the restarted Redis in {ReconnectGuard}. {redis}");
            var data = await gateway.Client.DataAsync(Query, new { id = ids[round] });
            Assert.Equal(ids[round], data.GetProperty("customer").GetProperty("id").GetString());
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Purges travel between instances over a Redis subscription; the Redis client subscribes again
    /// when it reconnects, and subscribes for the first time when Redis was down at start-up.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedisBackAfterOutage_PurgeOnOneInstanceReachesTheOther(bool downAtStartUp)
    {
        await using var redis = await RedisServer.StartAsync();
        if (downAtStartUp)
        {
            await redis.KillAsync();
        }

        await using var first = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await using var second = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await fixture.WarmUpAsync(first, second);
        if (!downAtStartUp)
        {
            await redis.KillAsync();
        }

        await redis.RestartAsync();
        var customer = fixture.Customers.FullyLinked(26);
        await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        // The clients reconnect on their own schedule; purges sent before both have are lost, so each
        // round checks that the second instance still answers from memory, then purges on the first.
        using var guard = new CancellationTokenSource(ReconnectGuard);
        while (true)
        {
            await fixture.ResetAsync();
            await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
            var cached = (await fixture.CallsAsync()).Data == 0;

            using var purged = await first.PurgeAsync(new { customerId = customer.Id });
            purged.EnsureSuccessStatusCode();
            await Task.Delay(100);
            await fixture.ResetAsync();
            await second.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
            var calls = await fixture.CallsAsync();
            if (cached && calls.Data > 0)
            {
                Assert.True(calls[UpstreamCalls.CrmCustomers] == 1 && calls[UpstreamCalls.ErpAccounts] == 1, calls.ToString());
                return;
            }

            Assert.False(guard.IsCancellationRequested, $"No purge reached the other instance in {ReconnectGuard}. {redis}\nIts log:\n{second.Log}");
        }
    }

    [Fact]
    public async Task RedisUnreachableFromTheStart_QueriesAnswerFromTheSources_WithoutErrors()
    {
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", $"127.0.0.1:{new Uri(WireSources.ClosedPortUrl()).Port},password=nobody")]);
        var customer = fixture.Customers.FullyLinked(24);

        var first = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var callsFirst = await fixture.CallsAsync();
        var second = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        Assert.Equal(customer.Account.Name, Billing(first));
        Assert.Equal(Billing(first), Billing(second));
        Assert.True(callsFirst.Data == Customer360Entries && callsFirst[UpstreamCalls.CrmCustomers] == 1, "Expected one call per endpoint:\n" + callsFirst);
    }

    /// <summary>
    /// HybridCache looks an entry's tags up in Redis when it writes the entry, and holds the entry
    /// invalid (dropping it from memory) until those lookups are done. Were commands to wait in the
    /// client's backlog for their 500 ms timeout while Redis is down, the same query repeated right
    /// away would call the sources again, and a Customer360 query of an uncached customer would take
    /// seconds; they must fail at once.
    /// </summary>
    [Fact]
    public async Task RedisDown_RepeatedQuery_AnsweredFromMemoryWithoutSourceCalls()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(25);
        await redis.KillAsync();

        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    /// <summary>
    /// With Redis down every cache read and write fails at once; at high traffic a warning each would
    /// flood the log. The outage is logged once, with a reason and without key names, and its end once.
    /// </summary>
    [Fact]
    public async Task RedisKilledUnderTraffic_OneWarning_ThenOneLineWhenItAnswersAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:RedisConnectionString", redis.ConnectionString)]);
        await fixture.WarmUpAsync(gateway);

        // The warm-up fails its CRM lookup on purpose, which the source failure log reports.
        var linesOfWarmUp = gateway.LogEntries.Count;
        var ids = fixture.Customers.Ids(skip: 1200, count: 500);

        await redis.KillAsync();
        foreach (var id in ids.Take(20))
        {
            await gateway.Client.DataAsync(CacheQueries.Customer360, new { id });
        }

        var duringOutage = OutageLines(gateway);

        await redis.RestartAsync();
        using var guard = new CancellationTokenSource(ReconnectGuard);
        for (var round = 20; !OutageLines(gateway).Any(e => e.Level == LogLevel.Information); round++)
        {
            Assert.False(guard.IsCancellationRequested, $"No line said Redis answers again in {ReconnectGuard}. {redis}\nThe log:\n{gateway.Log}");
            await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = ids[round] });
            await Task.Delay(100);
        }

        var warning = Assert.Single(duringOutage);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("Redis is unavailable (connection ", warning.Message, StringComparison.Ordinal);
        Assert.True(gateway.LogEntries.Skip(linesOfWarmUp).Count(e => e.Level >= LogLevel.Warning) == 1, "Expected the outage warning alone:\n" + gateway.Log);
        Assert.Equal([LogLevel.Warning, LogLevel.Information], OutageLines(gateway).Select(e => e.Level));

        // Each query has many cache reads and writes: that many failures went into the two lines.
        Assert.Matches(@"\(\d{2,} failed commands\)", OutageLines(gateway)[1].Message);
        Assert.All(OutageLines(gateway), e => Assert.DoesNotContain("crmfed:", e.Message, StringComparison.Ordinal));
    }

    private static List<LogEntry> OutageLines(CacheGateway gateway) =>
        gateway.LogEntries.Where(e => e.Category == typeof(RedisOutageLog).FullName).ToList();

    private static string? Billing(System.Text.Json.JsonElement data) =>
        data.GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString();
}

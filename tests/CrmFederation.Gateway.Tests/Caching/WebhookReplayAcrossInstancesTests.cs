using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Tests.Configuration;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// A signed webhook call captured on its way to one gateway instance must not be accepted by another
/// behind the same load balancer: with Redis, every instance claims the calls it accepts there. The
/// sample sources declare no <c>webhookSecret</c>, so these tests run on a copy of gateway-config whose
/// erp.json adds one.
/// </summary>
[Collection(RedisCachingCollection.Name)]
public sealed class WebhookReplayAcrossInstancesTests(RedisCachingFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly string _secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly ConfigSandbox _config = ConfigSandbox.CopyOfSample()
        .Replace("sources/erp.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 5000,\n  \"webhookSecret\": { \"env\": \"CRMFED_ERP_WEBHOOK_SECRET\" },");

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.Redis.FlushAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task SignedCallAcceptedByOneInstance_ReplayedToTheOther_409()
    {
        await using var first = StartGateway();
        await using var second = StartGateway();
        await fixture.WarmUpAsync(first, second);
        var body = $$"""{"customerIds":["{{fixture.Customers.FullyLinked(6).Id}}"]}""";
        var signedAt = DateTimeOffset.UtcNow;

        using var delivered = await first.WebhookAsync("erp", body, _secret, signedAt);
        using var replayedToOther = await second.WebhookAsync("erp", body, _secret, signedAt);
        using var replayedToSame = await first.WebhookAsync("erp", body, _secret, signedAt);
        using var signedAnew = await second.WebhookAsync("erp", body, _secret, signedAt.AddSeconds(1));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.True(replayedToOther.StatusCode == HttpStatusCode.Conflict, $"The other instance answered {replayedToOther.StatusCode}. Its log:\n{second.Log}");
        Assert.Equal(HttpStatusCode.Conflict, replayedToSame.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedAnew.StatusCode);
    }

    /// <summary>A signature in Redis would be a valid call to replay while its timestamp is: Redis holds its HMAC, for the rest of the window.</summary>
    [Fact]
    public async Task AcceptedCall_ClaimedUnderAKeyedName_ExpiringWithTheSignatureWindow()
    {
        await using var gateway = StartGateway();
        await fixture.WarmUpAsync(gateway);
        var body = $$"""{"keys":["{{fixture.Customers.FullyLinked(7).Id}}"]}""";
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var signature = SourceWebhook.Sign(_secret, signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body));

        using var delivered = await gateway.WebhookAsync("erp", body, _secret, signedAt);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var keys = await fixture.Redis.KeysAsync();
        var claim = Assert.Single(keys, key => key.ToString().StartsWith("crmfed:webhook:", StringComparison.Ordinal)).ToString();
        Assert.Matches("^crmfed:webhook:[0-9a-f]{64}$", claim);
        Assert.DoesNotContain(keys, key => key.ToString().Contains(signature["sha256=".Length..], StringComparison.Ordinal));
        var expiry = await (await fixture.Redis.DatabaseAsync()).KeyTimeToLiveAsync(claim);
        var window = TimeSpan.FromMinutes(4) + RedisSignatureClaims.ClockSkewAllowance;
        Assert.True(expiry > window - TimeSpan.FromMinutes(0.5) && expiry <= window, $"The claim expires in {expiry}; the window (with the allowance for clock skew) ends in under {window}.");
    }

    /// <summary>Redis down costs the check between instances only: webhooks keep evicting, replays to the same instance are refused, and the outage is logged once.</summary>
    [Fact]
    public async Task RedisDown_CallAcceptedOnThisInstancesMemory_ReplayToIt409()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = StartGateway(redis.ConnectionString);
        await fixture.WarmUpAsync(gateway);
        await redis.KillAsync();
        var body = $$"""{"customerIds":["{{fixture.Customers.FullyLinked(8).Id}}"]}""";
        var signedAt = DateTimeOffset.UtcNow;

        using var delivered = await gateway.WebhookAsync("erp", body, _secret, signedAt);
        using var replayed = await gateway.WebhookAsync("erp", body, _secret, signedAt);
        using var another = await gateway.WebhookAsync("erp", body, _secret, signedAt.AddSeconds(1));

        Assert.True(delivered.StatusCode == HttpStatusCode.OK, $"Answered {delivered.StatusCode}. The log:\n{gateway.Log}");
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        var outage = Assert.Single(gateway.LogEntries, e => e.Category == typeof(RedisOutageLog).FullName);
        Assert.Equal(LogLevel.Warning, outage.Level);
    }

    private CacheGateway StartGateway(string? redisConnectionString = null) =>
        fixture.StartGateway(
            [
                new("CRMFED_ERP_WEBHOOK_SECRET", _secret),
                new("Gateway:Cache:RedisConnectionString", redisConnectionString ?? fixture.Redis.ConnectionString),
            ],
            configPath: _config.Directory);
}

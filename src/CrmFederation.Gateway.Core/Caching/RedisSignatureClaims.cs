using StackExchange.Redis;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// Webhook calls claimed in Redis with <c>SET NX</c>, which exactly one instance wins, under a key that
/// expires when the call's timestamp leaves the window (then the signature check refuses it anyway).
/// The key is named by the HMAC of source and signature, like the cache's keys, never by the signature:
/// whoever reads Redis learns no part of a call. Redis being down costs the cross-instance check only:
/// the call is accepted on this instance's memory, and the outage is logged.
/// </summary>
public sealed class RedisSignatureClaims(RedisConnection redis, CacheKeyMaterial keys, RedisOutageLog outages, TimeProvider time) : IWebhookSignatureClaims
{
    /// <summary>
    /// Kept past the end of the window by this much: each instance checks the window on its own clock, and one
    /// whose clock lags would otherwise still accept the call after the claim had expired.
    /// </summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(30);

    public async Task<SignatureClaim> ClaimAsync(string source, string signature, DateTimeOffset validUntil)
    {
        var key = "crmfed:webhook:" + keys.KeyedName("webhook call: " + source + "\n" + signature);
        var remaining = validUntil - time.GetUtcNow() + ClockSkewAllowance;
        bool claimed;
        try
        {
            var connection = await redis.ConnectAsync();
            claimed = await connection.GetDatabase().StringSetAsync(key, RedisValue.EmptyString, remaining > ClockSkewAllowance ? remaining : ClockSkewAllowance, When.NotExists);
        }
        catch (Exception ex)
        {
            outages.Failed(ex);
            return SignatureClaim.NotShared;
        }

        outages.Succeeded();
        return claimed ? SignatureClaim.Claimed : SignatureClaim.ClaimedBefore;
    }
}

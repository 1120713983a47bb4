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
    /// <summary>SET takes no zero expiry; a call this close to the end of its window expires with it.</summary>
    private static readonly TimeSpan ShortestExpiry = TimeSpan.FromMilliseconds(1);

    public async Task<SignatureClaim> ClaimAsync(string source, string signature, DateTimeOffset validUntil)
    {
        var key = "crmfed:webhook:" + keys.KeyedName("webhook call: " + source + "\n" + signature);
        var remaining = validUntil - time.GetUtcNow();
        bool claimed;
        try
        {
            var connection = await redis.ConnectAsync();
            claimed = await connection.GetDatabase().StringSetAsync(key, RedisValue.EmptyString, remaining > ShortestExpiry ? remaining : ShortestExpiry, When.NotExists);
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

using System.Security.Cryptography;
using CrmFederation.Gateway.Caching;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// Outcomes kept in Redis, shared by every instance. A claim is <c>SET NX</c> of the request's fingerprint
/// (a hash); the outcome is sealed with AES-GCM under the cache's value key, since it names fields and
/// says what a source answered. Key names are keyed hashes, so the clients' keys never reach Redis.
/// A duplicate that finds a claim without an outcome polls until the outcome arrives.
/// </summary>
public sealed class RedisIdempotencyStore(RedisConnection redis, CacheKeyMaterial keys, TimeProvider time) : IIdempotencyStore
{
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly byte[] AssociatedData = "crmfed idempotency v1"u8.ToArray();

    public async Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan wait, CancellationToken cancellationToken)
    {
        var database = (await redis.ConnectAsync()).GetDatabase();
        var name = NameOf(key);
        var waited = time.GetTimestamp();
        while (true)
        {
            if (await database.StringSetAsync(name, "p|" + fingerprint, ClaimLifetime, When.NotExists))
            {
                return IdempotencyClaim.Run;
            }

            var stored = (string?)await database.StringGetAsync(name);
            if (stored is not null)
            {
                var parts = stored.Split('|', 3);
                if (parts[1] != fingerprint)
                {
                    return IdempotencyClaim.Mismatch;
                }

                if (parts[0] == "d" && Open(Convert.FromBase64String(parts[2])) is { } outcome)
                {
                    return IdempotencyClaim.Replay(outcome);
                }
            }

            if (time.GetElapsedTime(waited) >= wait)
            {
                return IdempotencyClaim.Busy;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    public async Task CompleteAsync(string key, string fingerprint, byte[] outcome, TimeSpan lifetime) =>
        await (await redis.ConnectAsync()).GetDatabase().StringSetAsync(NameOf(key), $"d|{fingerprint}|{Convert.ToBase64String(Seal(outcome))}", lifetime);

    public async Task ReleaseAsync(string key) => await (await redis.ConnectAsync()).GetDatabase().KeyDeleteAsync(NameOf(key));

    private RedisKey NameOf(string key) => "crmfed:idempotency:" + keys.KeyedName("idempotency: " + key);

    /// <summary>nonce (12) | tag (16) | ciphertext.</summary>
    private byte[] Seal(byte[] plaintext)
    {
        var sealedBytes = new byte[12 + 16 + plaintext.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(keys.ValueKey, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plaintext, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), AssociatedData);
        return sealedBytes;
    }

    private byte[]? Open(byte[] sealedBytes)
    {
        if (sealedBytes.Length < 28)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - 28];
        try
        {
            using var aes = new AesGcm(keys.ValueKey, 16);
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext, AssociatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}

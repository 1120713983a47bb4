using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// Wraps the shared L2 (Redis) so that customer data never sits there in clear: values are encrypted
/// and authenticated with AES-GCM (the name is bound in as associated data, so a value cannot be
/// moved to another key), names are replaced by their HMAC (they hold lookup keys, and HybridCache's
/// tag records name customers and lookup keys too), entry lifetimes are capped, and an unreachable
/// or slow Redis reads as a miss and a skipped write instead of an error, reported to <see cref="RedisOutageLog"/>.
/// </summary>
public sealed partial class EncryptingDistributedCache(
    IDistributedCache inner,
    CacheKeyMaterial keys,
    TimeSpan maxLifetime,
    RedisOutageLog outages,
    ILogger<EncryptingDistributedCache> logger) : IDistributedCache
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public byte[]? Get(string key) => Decrypt(key, Guard(() => inner.Get(keys.KeyedName(key))));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        Decrypt(key, await GuardAsync(() => inner.GetAsync(keys.KeyedName(key), token)));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Guard(() =>
        {
            inner.Set(keys.KeyedName(key), Encrypt(key, value), Capped(options));
            return (byte[]?)null;
        });

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await GuardAsync(async () =>
        {
            await inner.SetAsync(keys.KeyedName(key), Encrypt(key, value), Capped(options), token);
            return null;
        });

    public void Refresh(string key) => Guard(() =>
    {
        inner.Refresh(keys.KeyedName(key));
        return null;
    });

    public async Task RefreshAsync(string key, CancellationToken token = default) => await GuardAsync(async () =>
    {
        await inner.RefreshAsync(keys.KeyedName(key), token);
        return null;
    });

    public void Remove(string key) => Guard(() =>
    {
        inner.Remove(keys.KeyedName(key));
        return null;
    });

    public async Task RemoveAsync(string key, CancellationToken token = default) => await GuardAsync(async () =>
    {
        await inner.RemoveAsync(keys.KeyedName(key), token);
        return null;
    });

    private byte[] Encrypt(string name, byte[] plaintext)
    {
        var sealedValue = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        // AesGcm instances are not safe for concurrent use; one per operation is cheap next to a Redis round trip.
        using var aes = new AesGcm(keys.ValueKey, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), System.Text.Encoding.UTF8.GetBytes(name));
        return sealedValue;
    }

    private byte[]? Decrypt(string name, byte[]? sealedValue)
    {
        if (sealedValue is null || sealedValue.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plaintext = new byte[sealedValue.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(keys.ValueKey, TagBytes);
            aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes + TagBytes), sealedValue.AsSpan(NonceBytes, TagBytes), plaintext, System.Text.Encoding.UTF8.GetBytes(name));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            // Written with another key, or tampered with: not ours to trust.
            LogRejectedValue(logger);
            return null;
        }
    }

    private DistributedCacheEntryOptions Capped(DistributedCacheEntryOptions options)
    {
        var requested = options.AbsoluteExpirationRelativeToNow ?? options.SlidingExpiration ?? maxLifetime;
        return new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = requested < maxLifetime ? requested : maxLifetime };
    }

    private byte[]? Guard(Func<byte[]?> operation)
    {
        byte[]? result;
        try
        {
            result = operation();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outages.Failed(ex);
            return null;
        }

        outages.Succeeded();
        return result;
    }

    private async Task<byte[]?> GuardAsync(Func<Task<byte[]?>> operation)
    {
        byte[]? result;
        try
        {
            result = await operation();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outages.Failed(ex);
            return null;
        }

        outages.Succeeded();
        return result;
    }

    [LoggerMessage(2, LogLevel.Warning, "A shared cache value failed authentication and was ignored")]
    private static partial void LogRejectedValue(ILogger logger);
}

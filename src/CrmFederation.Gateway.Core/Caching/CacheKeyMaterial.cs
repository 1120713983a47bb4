using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The secrets of the shared cache, derived with HKDF from the one configured key
/// (<c>Gateway:Cache:EncryptionKey</c>): a separate subkey per purpose, so that no key both
/// encrypts values and names them, and a leak or weakness in one use says nothing about the others.
/// </summary>
public sealed class CacheKeyMaterial
{
    private const int KeyBytes = 32;

    public CacheKeyMaterial(byte[] configuredKey)
    {
        if (configuredKey.Length != KeyBytes)
        {
            throw new ArgumentException($"The cache key must be {KeyBytes} bytes.", nameof(configuredKey));
        }

        ValueKey = Derive(configuredKey, "crmfed cache: value encryption");
        NameKey = Derive(configuredKey, "crmfed cache: key names");
        MessageKey = Derive(configuredKey, "crmfed cache: invalidation messages");
        CursorKey = Derive(configuredKey, "crmfed cursors: mac");
    }

    /// <summary>AES-256-GCM key of the values written to Redis.</summary>
    public byte[] ValueKey { get; }

    /// <summary>HMAC-SHA256 key of the names written to Redis.</summary>
    public byte[] NameKey { get; }

    /// <summary>AES-256-GCM key of the invalidations instances send each other.</summary>
    public byte[] MessageKey { get; }

    /// <summary>HMAC-SHA256 key sealing the cursors the gateway hands out, unless Gateway:CursorKey gives one: instances sharing the cache accept each other's cursors.</summary>
    public byte[] CursorKey { get; }

    /// <summary>
    /// What Redis sees instead of <paramref name="name"/>: names hold lookup keys (e-mail addresses,
    /// six-digit account numbers), which a plain hash would give away to anyone hashing candidates.
    /// </summary>
    public string KeyedName(string name) => Convert.ToHexStringLower(HMACSHA256.HashData(NameKey, Encoding.UTF8.GetBytes(name)));

    /// <summary>The key material of <see cref="CacheSettings.EncryptionKey"/>; refuses anything but the Base64 of 32 bytes.</summary>
    public static CacheKeyMaterial FromSettings(CacheSettings settings)
    {
        try
        {
            var key = Convert.FromBase64String(settings.EncryptionKey ?? "");
            if (key.Length == KeyBytes)
            {
                return new CacheKeyMaterial(key);
            }
        }
        catch (FormatException)
        {
            // Reported below with the fix.
        }

        throw new InvalidOperationException(
            "Redis is configured (Gateway:Cache:RedisConnectionString) but Gateway:Cache:EncryptionKey is not the Base64 of 32 random bytes; " +
            "customer data is never written to Redis in clear. Generate one with: openssl rand -base64 32");
    }

    private static byte[] Derive(byte[] configuredKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, configuredKey, KeyBytes, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Makes the cursors the gateway hands out tamper-evident: a sealed cursor is the source's own cursor
/// followed by a MAC (HMAC-SHA256, truncated to 128 bits) over it and a purpose, so a cursor the gateway
/// did not issue, or issued for another purpose, is refused before it reaches a source. The purpose names
/// what the cursor may page through (a source's name); gateway-side cursors use purposes of their own.
/// Cursors are not encrypted: they carry nothing the caller could not already page through.
/// </summary>
public sealed class CursorSeal
{
    /// <summary>Longer cursors are refused unread: no source's cursor comes near this.</summary>
    public const int MaxSealedLength = 4096;

    private const int KeyBytes = 32;
    private const int MacBytes = 16;
    private const char Separator = '.';

    private readonly byte[] _key;

    public CursorSeal(byte[] key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The cursor key must be {KeyBytes} bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>A seal with a random key: its cursors are valid only in this process (one instance, until it restarts).</summary>
    public static CursorSeal ProcessLocal() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>
    /// The seal every instance of a deployment shares: keyed by <paramref name="cursorKey"/> (host setting
    /// <c>Gateway:CursorKey</c>) when set, else by a key derived from the cache encryption key when that is set
    /// (instances sharing Redis share it), else by a random key of this process.
    /// </summary>
    public static CursorSeal FromSettings(string? cursorKey, Caching.CacheSettings cache)
    {
        if (!string.IsNullOrWhiteSpace(cursorKey))
        {
            return new CursorSeal(KeyFrom(cursorKey, "Gateway:CursorKey"));
        }

        return string.IsNullOrWhiteSpace(cache.EncryptionKey)
            ? ProcessLocal()
            : new CursorSeal(new Caching.CacheKeyMaterial(KeyFrom(cache.EncryptionKey, "Gateway:Cache:EncryptionKey")).CursorKey);
    }

    private static byte[] KeyFrom(string base64, string setting)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length == KeyBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below with the fix.
        }

        throw new InvalidOperationException(
            $"{setting} is not the Base64 of {KeyBytes} random bytes, so the cursors the gateway hands out cannot be sealed. Generate one with: openssl rand -base64 32");
    }

    public string Seal(string purpose, string cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(cursor)) + Separator + Base64Url.EncodeToString(Mac(purpose, cursor));

    /// <summary>The cursor sealed in <paramref name="sealedCursor"/> for <paramref name="purpose"/>, or false when it is not one this gateway issued for it.</summary>
    public bool TryOpen(string purpose, string sealedCursor, out string cursor)
    {
        cursor = "";
        var separator = sealedCursor.IndexOf(Separator, StringComparison.Ordinal);
        if (sealedCursor.Length > MaxSealedLength || separator < 0
            || !Base64Url.IsValid(sealedCursor.AsSpan(0, separator)) || !Base64Url.IsValid(sealedCursor.AsSpan(separator + 1)))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(sealedCursor.AsSpan(0, separator)));
        var mac = Base64Url.DecodeFromChars(sealedCursor.AsSpan(separator + 1));
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, text)))
        {
            return false;
        }

        cursor = text;
        return true;
    }

    private byte[] Mac(string purpose, string cursor)
    {
        // Purposes (source names) hold no NUL, so the first NUL ends the purpose and no pair reads as another.
        var message = Encoding.UTF8.GetBytes(purpose + "\0" + cursor);
        return HMACSHA256.HashData(_key, message)[..MacBytes];
    }
}

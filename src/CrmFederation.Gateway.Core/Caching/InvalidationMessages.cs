using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The evictions gateway instances send each other over Redis, sealed with AES-GCM under the cache
/// key's message subkey: tags name customers and lookup keys (e-mail addresses), so whoever can
/// read Redis must not learn them, and whoever can write to it must not make instances evict (or
/// remember) tags of their choosing. Each message carries its sender, so an instance knows its own.
/// </summary>
public sealed class InvalidationMessages(CacheKeyMaterial keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int OriginBytes = 16;
    private static readonly byte[] AssociatedData = "crmfed cache invalidation v1"u8.ToArray();

    private readonly byte[] _origin = RandomNumberGenerator.GetBytes(OriginBytes);

    /// <summary>nonce | authentication tag | encrypted (sender | UTF-8 cache tag).</summary>
    public byte[] Seal(string tag)
    {
        var plaintext = new byte[OriginBytes + Encoding.UTF8.GetByteCount(tag)];
        _origin.CopyTo(plaintext, 0);
        Encoding.UTF8.GetBytes(tag, plaintext.AsSpan(OriginBytes));

        var message = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = message.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.MessageKey, TagBytes);
        aes.Encrypt(nonce, plaintext, message.AsSpan(NonceBytes + TagBytes), message.AsSpan(NonceBytes, TagBytes), AssociatedData);
        return message;
    }

    /// <summary>The eviction <paramref name="message"/> asks for, or null when it was not sealed with this key (or was altered).</summary>
    public Invalidation? Open(ReadOnlySpan<byte> message)
    {
        if (message.Length <= NonceBytes + TagBytes + OriginBytes)
        {
            return null;
        }

        var plaintext = new byte[message.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(keys.MessageKey, TagBytes);
            aes.Decrypt(message[..NonceBytes], message[(NonceBytes + TagBytes)..], message.Slice(NonceBytes, TagBytes), plaintext, AssociatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        var fromThisInstance = plaintext.AsSpan(0, OriginBytes).SequenceEqual(_origin);
        return new Invalidation(Encoding.UTF8.GetString(plaintext.AsSpan(OriginBytes)), fromThisInstance);
    }

    /// <summary>An eviction of <paramref name="Tag"/>, and whether this instance sent it (and so has applied it already).</summary>
    public sealed record Invalidation(string Tag, bool FromThisInstance);
}

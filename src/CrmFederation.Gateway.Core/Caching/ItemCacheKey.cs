using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The item cache's entry names of one endpoint and parameter set:
/// <c>crmfed:{source}:{endpoint cache scope}:{endpoint}:{SHA-256 of parameters and key, hex}</c>; the cache scope
/// fingerprints the source's and the endpoint's own settings, so entries survive reloads that leave them equal.
/// Lookup keys (e-mails, account numbers) stay out of the names; what reaches Redis is keyed again
/// (<see cref="EncryptingDistributedCache"/>). A page of a customer-360 names hundreds of entries, so the
/// constant part is built once and each name costs one string, hashed without intermediate arrays.
/// </summary>
public sealed class ItemCacheKey
{
    private const int HashHexChars = SHA256.HashSizeInBytes * 2;
    private const int StackLimit = 512;

    private readonly string _prefix;
    private readonly byte[] _parameterSignature;
    private readonly bool _lowercase;

    public ItemCacheKey(EndpointDefinition endpoint, string parameterSignature, bool lowercase)
    {
        _prefix = $"crmfed:{endpoint.Source.Name}:{endpoint.CacheScope}:{endpoint.Name}:";
        _parameterSignature = Encoding.UTF8.GetBytes(parameterSignature + "\n");
        _lowercase = lowercase;
    }

    public string For(string key)
    {
        var normalized = _lowercase ? key.ToLowerInvariant() : key;
        var inputLength = _parameterSignature.Length + Encoding.UTF8.GetByteCount(normalized);
        byte[]? rented = null;
        var input = inputLength <= StackLimit ? stackalloc byte[inputLength] : (rented = ArrayPool<byte>.Shared.Rent(inputLength)).AsSpan(0, inputLength);
        _parameterSignature.CopyTo(input);
        Encoding.UTF8.GetBytes(normalized, input[_parameterSignature.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        var length = _prefix.Length + HashHexChars;
        var name = length <= StackLimit ? stackalloc char[length] : new char[length];
        _prefix.CopyTo(name);
        Convert.TryToHexStringLower(hash, name[_prefix.Length..], out _);
        return new string(name);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Access;

/// <summary>The configured API keys, found by the hash of the key a caller presents.</summary>
public sealed class ApiKeyRegistry(IReadOnlyList<ApiKey> keys)
{
    public static ApiKeyRegistry Empty { get; } = new([]);

    public int Count => keys.Count;

    /// <summary>
    /// The key whose hash matches, or null. Every stored hash is compared, each in constant time, so the
    /// time taken says nothing about how close a guess came or which key it nearly matched.
    /// </summary>
    public ApiKey? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                found = key;
            }
        }

        return found;
    }

    /// <summary>The hex SHA-256 an API key is stored as.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

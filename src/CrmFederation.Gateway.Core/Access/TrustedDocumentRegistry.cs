using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Access;

/// <summary>The trusted documents, found by the SHA-256 of their text.</summary>
public sealed class TrustedDocumentRegistry(IEnumerable<TrustedDocument> documents)
{
    private readonly FrozenDictionary<string, TrustedDocument> _byHash = documents.ToFrozenDictionary(d => d.Sha256, StringComparer.Ordinal);

    public static TrustedDocumentRegistry Empty { get; } = new([]);

    public int Count => _byHash.Count;

    /// <param name="sha256">Lower-case hex, as <see cref="HashOf"/> writes it.</param>
    public TrustedDocument? Find(string sha256) => _byHash.GetValueOrDefault(sha256);

    /// <summary>The lower-case hex SHA-256 of a document's UTF-8 text: the hash clients send for it.</summary>
    public static string HashOf(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}

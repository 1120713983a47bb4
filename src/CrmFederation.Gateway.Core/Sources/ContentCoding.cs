using System.IO.Compression;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The Content-Encodings a source may declare, and how each is undone. The gateway decompresses
/// answers itself rather than letting the HTTP handler do it, so that only what a source declares is
/// ever inflated, and only as far as the source's answer limit.
/// </summary>
public static class ContentCoding
{
    public const string Gzip = "gzip";

    public const string Brotli = "br";

    /// <summary>HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2).</summary>
    public const string Deflate = "deflate";

    public static readonly IReadOnlyList<string> Known = [Gzip, Brotli, Deflate];

    /// <summary>A stream that reads <paramref name="encoded"/> decoded; it owns <paramref name="encoded"/>.</summary>
    public static Stream Decoding(string coding, Stream encoded) => coding switch
    {
        Gzip => new GZipStream(encoded, CompressionMode.Decompress),
        Brotli => new BrotliStream(encoded, CompressionMode.Decompress),
        Deflate => new ZLibStream(encoded, CompressionMode.Decompress),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "Not a content coding the gateway can undo."),
    };
}

using System.IO.Compression;
using System.Text;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>Compressed answer bodies, a gzip bomb among them.</summary>
public static class CompressedAnswers
{
    /// <summary>Unpacked size of <see cref="GzipBomb"/>.</summary>
    public const long GzipBombUnpackedBytes = 1024L * MiB;

    private const int MiB = 1024 * 1024;

    /// <summary>
    /// About 1 MB on the wire that unpacks to 1 GiB: the start of a JSON answer, then 1,024 gzip members
    /// of 1 MiB of spaces each (a gzip stream may hold several members, and readers join them).
    /// </summary>
    public static Lazy<byte[]> GzipBomb { get; } = new(() =>
    {
        var spaces = Gzip(new byte[MiB].Select(_ => (byte)' ').ToArray());
        using var bomb = new MemoryStream();
        bomb.Write(Gzip(Encoding.UTF8.GetBytes("""{"data":[""")));
        for (var member = 0; member < 1024; member++)
        {
            bomb.Write(spaces);
        }

        return bomb.ToArray();
    });

    public static byte[] Gzip(byte[] plain) => Compress(plain, stream => new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true));

    /// <summary>HTTP's "deflate": the zlib format.</summary>
    public static byte[] Zlib(byte[] plain) => Compress(plain, stream => new ZLibStream(stream, CompressionLevel.SmallestSize, leaveOpen: true));

    public static byte[] Brotli(byte[] plain) => Compress(plain, stream => new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true));

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> compressor)
    {
        using var compressed = new MemoryStream();
        using (var stream = compressor(compressed))
        {
            stream.Write(plain);
        }

        return compressed.ToArray();
    }
}

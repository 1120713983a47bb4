using System.Net;
using System.Text;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>A body sent without Content-Length, the way a chunked upload arrives.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnknownLengthContent(string text, string contentType)
    {
        _bytes = Encoding.UTF8.GetBytes(text);
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // In small pieces, so the endpoint reads a body that keeps coming.
        for (var offset = 0; offset < _bytes.Length; offset += 512)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(512, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

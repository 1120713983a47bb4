using System.Buffers;
using System.IO.Pipelines;

namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// Writes JSON answers straight from pre-serialized bytes into the response pipe: the hot paths
/// concatenate stored entity bytes instead of serializing objects per request.
/// </summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task Bytes(HttpContext context, int status, ReadOnlySpan<byte> body)
    {
        var writer = Start(context, status, body.Length);
        writer.Write(body);
        return FlushAsync(writer);
    }

    /// <summary>Writes <paramref name="prefix"/>, the items joined by commas, then <paramref name="suffix"/>.</summary>
    public static Task Array(HttpContext context, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte[]> items, ReadOnlySpan<byte> suffix)
    {
        long length = prefix.Length + suffix.Length + Math.Max(0, items.Length - 1);
        foreach (var item in items)
        {
            length += item.Length;
        }

        var writer = Start(context, StatusCodes.Status200OK, length);
        writer.Write(prefix);
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(","u8);
            }

            writer.Write(items[i]);
        }

        writer.Write(suffix);
        return FlushAsync(writer);
    }

    private static PipeWriter Start(HttpContext context, int status, long length)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = length;
        return response.BodyWriter;
    }

    private static Task FlushAsync(PipeWriter writer)
    {
        var flush = writer.FlushAsync();
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}

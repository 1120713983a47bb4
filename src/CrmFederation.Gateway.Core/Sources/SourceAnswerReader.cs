using System.Text.Json;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Reads a 2xx answer's body as JSON, bounded: only Content-Encodings the source declares are undone,
/// and no more than its answer limit is read, counted after decompression, so neither a huge answer
/// nor a compression bomb can take more memory than that limit.
/// </summary>
public static class SourceAnswerReader
{
    public static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, SourceDefinition source, CancellationToken cancellationToken)
    {
        var coding = ContentCodingOf(response, source);
        if (coding is null && response.Content.Headers.ContentLength > source.MaxAnswerBytes)
        {
            throw TooLarge(source);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var decoded = coding is null ? body : ContentCoding.Decoding(coding, body);
        await using var limited = new LengthLimitedStream(decoded, source.MaxAnswerBytes);
        try
        {
            return await JsonDocument.ParseAsync(limited, default, cancellationToken);
        }
        catch (LengthLimitedStream.LimitExceededException)
        {
            throw TooLarge(source);
        }
        catch (InvalidDataException ex)
        {
            throw SourceException.BadResponse(source.Name, "its compressed answer cannot be decompressed", inner: ex);
        }
    }

    /// <summary>The one coding to undo, or null for none; a coding the source did not declare fails the call unread.</summary>
    private static string? ContentCodingOf(HttpResponseMessage response, SourceDefinition source)
    {
        var codings = response.Content.Headers.ContentEncoding.Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase)).ToList();
        if (codings.Count == 0)
        {
            return null;
        }

        // Stacked codings are legal HTTP, but no API sends them; refusing them keeps one decoder between the wire and the limit.
        if (codings.Count > 1)
        {
            throw SourceException.BadResponse(source.Name, "its answer has more than one Content-Encoding");
        }

        return source.ContentEncodings.FirstOrDefault(declared => declared.Equals(codings[0], StringComparison.OrdinalIgnoreCase))
            ?? throw SourceException.BadResponse(source.Name, "its answer has a Content-Encoding that the source's contentEncodings do not declare");
    }

    private static SourceException TooLarge(SourceDefinition source) =>
        SourceException.BadResponse(source.Name, $"the answer is too large (over {source.MaxAnswerBytes} bytes)");
}

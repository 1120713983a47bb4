using System.Text.Json;
using System.Text.Json.Serialization;
using CrmFederation.Gateway.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Reads an admin request's JSON body within a size bound. A body that is too large, not JSON, or not the
/// expected shape (an unknown property included: a misspelt <c>expectedVersion</c> must not go unnoticed)
/// becomes a clear 4xx answer instead of an exception.
/// </summary>
public static class AdminRequestBody
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long limit, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, AdminJson.Error(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            await using var body = new LengthLimitedStream(request.Body, limit);
            var value = await JsonSerializer.DeserializeAsync<T>(body, Strict, cancellationToken);
            return value is null ? (null, BadRequest("The body is null; send a JSON object.")) : (value, null);
        }
        catch (LengthLimitedStream.LimitExceededException)
        {
            return (null, TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $" (line {line + 1}, {ex.Path ?? "$"})" : "";
            return (null, BadRequest($"The body is not the expected JSON{at}: {ConfigurationMessage(ex.Message)}"));
        }
    }

    public static IResult BadRequest(string message) => AdminJson.Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", message);

    private static IResult TooLarge(long limit) =>
        AdminJson.Error(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"The body is larger than {limit} bytes (Gateway:Admin:MaxRequestBytes).");

    /// <summary>System.Text.Json's message without its own "Path: … | LineNumber: …" suffix, which the answer gives already.</summary>
    private static string ConfigurationMessage(string message) => Configuration.ConfigDirectoryReader.CleanMessage(message);
}

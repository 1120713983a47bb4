using System.Buffers;
using System.Text.Json;

namespace CrmFederation.SampleSystems.Http;

/// <summary>The JSON error answers the four systems share: <c>{"error":"…","message":"…"}</c>.</summary>
internal static class ErrorResponses
{
    private static readonly byte[] UnauthorizedBody = """{"error":"unauthorized"}"""u8.ToArray();
    private static readonly byte[] NotFoundBody = """{"error":"not_found"}"""u8.ToArray();

    /// <summary>401 <c>{"error":"unauthorized"}</c>, with a <c>WWW-Authenticate</c> challenge where the scheme is a standard one.</summary>
    public static Task Unauthorized(HttpContext context, string? challenge = null)
    {
        if (challenge is not null)
        {
            context.Response.Headers.WWWAuthenticate = challenge;
        }

        return JsonResponse.Bytes(context, StatusCodes.Status401Unauthorized, UnauthorizedBody);
    }

    public static Task NotFound(HttpContext context) => JsonResponse.Bytes(context, StatusCodes.Status404NotFound, NotFoundBody);

    /// <summary>400 <c>{"error":"invalid_parameter","message":"…"}</c>.</summary>
    public static Task InvalidParameter(HttpContext context, string message) =>
        Write(context, StatusCodes.Status400BadRequest, "invalid_parameter", message);

    /// <summary>400 <c>{"error":"too_many_keys","message":"…"}</c> for a batch over its limit.</summary>
    public static Task TooManyKeys(HttpContext context, string parameter, int limit, int count) =>
        Write(context, StatusCodes.Status400BadRequest, "too_many_keys", $"'{parameter}' takes at most {limit} keys per request; got {count}.");

    /// <summary>422 <c>{"error":"validation","field":"…","message":"…"}</c>.</summary>
    public static Task Validation(HttpContext context, ValidationError error) =>
        Write(context, StatusCodes.Status422UnprocessableEntity, "validation", error.Message, error.Field);

    public static Task Write(HttpContext context, int status, string error, string? message = null, string? field = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            if (field is not null)
            {
                writer.WriteString("field", field);
            }

            if (message is not null)
            {
                writer.WriteString("message", message);
            }

            writer.WriteEndObject();
        }

        return JsonResponse.Bytes(context, status, buffer.WrittenSpan);
    }
}

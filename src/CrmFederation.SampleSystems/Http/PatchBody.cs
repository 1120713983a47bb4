using System.Text.Json;

namespace CrmFederation.SampleSystems.Http;

/// <summary>Reads a PATCH body as a JSON object; malformed JSON or a non-object answers 400.</summary>
internal static class PatchBody
{
    public static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Answered below, like a body that is valid JSON but not an object.
        }

        await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object.");
        return null;
    }

    /// <summary>A non-empty string, or a validation error naming <paramref name="field"/>.</summary>
    public static ValidationError? RequireText(JsonElement value, string field, out string text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;
        return text.Length == 0 ? new ValidationError(field, $"'{field}' must be a non-empty string.") : null;
    }

    /// <summary>One of <paramref name="allowed"/>, compared exactly.</summary>
    public static ValidationError? RequireOneOf(JsonElement value, string field, string[] allowed, out string text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        return Array.IndexOf(allowed, text) >= 0
            ? null
            : new ValidationError(field, $"'{field}' must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>A plausible e-mail address: one '@', something before it, a dotted domain after it, no spaces.</summary>
    public static ValidationError? RequireEmail(JsonElement value, string field, out string email)
    {
        email = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Contains(' ', StringComparison.Ordinal);
        return valid ? null : new ValidationError(field, $"'{field}' must be an e-mail address.");
    }
}

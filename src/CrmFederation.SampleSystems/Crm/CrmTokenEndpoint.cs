using System.Buffers;
using System.Text;
using System.Text.Json;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// <c>POST /oauth/token</c>, OAuth2 client credentials (RFC 6749 §4.4). The client authenticates with
/// the form fields <c>client_id</c>/<c>client_secret</c>, or with HTTP Basic as the RFC also allows.
/// Errors use the RFC's codes: 400 invalid_request / unsupported_grant_type, 401 invalid_client.
/// </summary>
internal sealed class CrmTokenEndpoint(CrmTokens tokens)
{
    public async Task IssueAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "invalid_request", "Send an application/x-www-form-urlencoded body.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "invalid_request", "The form body is malformed.");
            return;
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "invalid_request", "'grant_type' is required.");
            return;
        }

        if (grantType != "client_credentials")
        {
            await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials is supported.");
            return;
        }

        var (clientId, clientSecret) = Client(context.Request, form);
        if (clientId != SampleCredentials.CrmClientId || clientSecret != SampleCredentials.CrmClientSecret)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"crm\"";
            await ErrorResponses.Write(context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown client or wrong secret.");
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await JsonResponse.Bytes(context, StatusCodes.Status200OK, TokenResponse(tokens.Issue()));
    }

    private static (string? Id, string? Secret) Client(HttpRequest request, IFormCollection form)
    {
        if (AuthorizationHeader.TryGetCredentials(request, "Basic", out var encoded))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.ToString()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                // A malformed Basic header authenticates nobody; fall through to the form fields.
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private byte[] TokenResponse(string token)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token);
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", (long)Math.Ceiling(tokens.Lifetime.TotalSeconds));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

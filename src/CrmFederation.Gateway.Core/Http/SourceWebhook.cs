using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Configuration;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// <c>POST /webhooks/{source}</c>: a source announces changed keys or customers, and their cache
/// entries are evicted. Calls must be signed: <c>X-CrmFed-Timestamp</c> (Unix seconds, within five
/// minutes) and <c>X-CrmFed-Signature: sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>.
/// Unsigned, badly signed or replayed calls are refused without evicting anything.
/// </summary>
public static class SourceWebhook
{
    public const string SignatureHeader = "X-CrmFed-Signature";
    public const string TimestampHeader = "X-CrmFed-Timestamp";
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static async Task<IResult> HandleAsync(string source, HttpContext context, GatewaySnapshotHolder snapshots, ItemCacheAccessor cache, TimeProvider time)
    {
        if (!snapshots.Current.Sources.TryGetValue(source, out var definition) || definition.WebhookSecret is not { } secret)
        {
            return Results.NotFound();
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!IsSigned(context.Request, body, secret.Reveal(), time.GetUtcNow()))
        {
            return Results.Json(new { error = "missing, stale or wrong signature" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        ChangeNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<ChangeNotice>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            notice = null;
        }

        if (notice is null || (notice.Keys is null && notice.CustomerIds is null))
        {
            return Results.BadRequest(new { error = "expected {\"keys\": [...]} and/or {\"customerIds\": [...]}" });
        }

        var tags = (notice.Keys ?? []).Select(k => $"key:{source}:{k}").Concat((notice.CustomerIds ?? []).Select(c => "customer:" + c)).ToList();
        if (cache.Cache is { } itemCache)
        {
            foreach (var tag in tags)
            {
                await itemCache.RemoveByTagAsync(tag);
            }
        }

        return Results.Ok(new { evicted = tags.Count });
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body.ToArray()).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    private static bool IsSigned(HttpRequest request, byte[] body, string secret, DateTimeOffset now)
    {
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature.Length == 0)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxSkew)
        {
            return false;
        }

        var expected = Sign(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record ChangeNotice(string[]? Keys, string[]? CustomerIds);
}

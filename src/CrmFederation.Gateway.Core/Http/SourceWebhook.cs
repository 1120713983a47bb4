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
/// Unsigned, badly signed or replayed calls (to this instance or, with Redis, to any other) are
/// refused without evicting anything.
/// </summary>
public static class SourceWebhook
{
    public const string SignatureHeader = "X-CrmFed-Signature";
    public const string TimestampHeader = "X-CrmFed-Timestamp";
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static async Task<IResult> HandleAsync(
        string source,
        HttpContext context,
        GatewaySnapshotHolder snapshots,
        ItemCacheAccessor cache,
        WebhookReplayGuard replays,
        TimeProvider time)
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

        if (SignedAt(context.Request, body, secret.Reveal(), time.GetUtcNow()) is not { } signedAt)
        {
            return Results.Json(new { error = "missing, stale or wrong signature" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        switch (await replays.AcceptAsync(source, context.Request.Headers[SignatureHeader].ToString(), signedAt + MaxSkew))
        {
            case WebhookReplayGuard.Verdict.Replayed:
                return Results.Json(new { error = "replayed: this signed call was accepted before" }, statusCode: StatusCodes.Status409Conflict);
            case WebhookReplayGuard.Verdict.TooMany:
                return Results.Json(new { error = "too many calls within the signature window; retry with a new timestamp later" }, statusCode: StatusCodes.Status429TooManyRequests);
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

        var keys = notice.Keys ?? [];
        var customerIds = notice.CustomerIds ?? [];
        if (cache.Cache is { } itemCache)
        {
            var tags = keys.SelectMany(k => CacheTags.ChangedKey(definition, k)).Concat(customerIds.Select(c => "customer:" + c)).Distinct(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                await itemCache.RemoveByTagAsync(tag);
            }
        }

        return Results.Ok(new { evicted = keys.Length + customerIds.Length });
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body.ToArray()).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>When the call was signed, if it is correctly signed and recent; otherwise null.</summary>
    private static DateTimeOffset? SignedAt(HttpRequest request, byte[] body, string secret, DateTimeOffset now)
    {
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature.Length == 0
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return null;
        }

        var expected = Sign(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? signedAt : null;
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

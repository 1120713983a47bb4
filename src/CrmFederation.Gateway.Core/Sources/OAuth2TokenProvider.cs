using System.Net.Http.Headers;
using System.Text.Json;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Fetches an OAuth2 client-credentials token once, keeps it until shortly before it expires, and
/// fetches a new one when asked to (after a 401). Concurrent callers share one token request.
/// </summary>
public sealed class OAuth2TokenProvider(
    string sourceName,
    SourceAuthentication.OAuth2ClientCredentials credentials,
    HttpMessageInvoker tokenClient,
    TimeProvider time)
{
    /// <summary>A token answer is a few hundred bytes; a larger one is not read on.</summary>
    private const int MaxTokenAnswerBytes = 64 * 1024;

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TokenRequestTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset RefreshAt)? _current;
    private Task<(string Token, DateTimeOffset RefreshAt)>? _inFlight;

    /// <summary>The current token, or a fresh one when it is near expiry or was just rejected.</summary>
    public async ValueTask<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        Task<(string Token, DateTimeOffset RefreshAt)> pending;
        lock (_gate)
        {
            if (_current is { } current && current.Token != rejectedToken && time.GetUtcNow() < current.RefreshAt)
            {
                return current.Token;
            }

            // One token request at a time, shared by every caller; none of them can cancel it for the others.
            pending = _inFlight ??= RefreshAsync();
        }

        return (await pending.WaitAsync(cancellationToken)).Token;
    }

    private async Task<(string Token, DateTimeOffset RefreshAt)> RefreshAsync()
    {
        // Yield first so that this never completes inside the caller's lock (which would leave a finished task in flight).
        await Task.Yield();
        try
        {
            var fresh = await RequestTokenAsync();
            lock (_gate)
            {
                _current = fresh;
            }

            return fresh;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>
    /// The token POST, with every way it can fail as a <see cref="SourceException"/>. It runs inside an
    /// attempt of the source's read pipeline, which retries a lost connection as a transient read; a
    /// SourceException is never retried there, so the POST is not sent again blindly.
    /// </summary>
    private async Task<(string Token, DateTimeOffset RefreshAt)> RequestTokenAsync()
    {
        using var timeout = new CancellationTokenSource(TokenRequestTimeout, time);
        try
        {
            return await ExchangeAsync(timeout.Token);
        }
        catch (Exception ex) when (TransportFailure.Is(ex))
        {
            throw new SourceException(sourceName, SourceErrorCode.Unavailable,
                $"The token endpoint of source '{sourceName}' cannot be reached.", null, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new SourceException(sourceName, SourceErrorCode.Timeout,
                $"The token endpoint of source '{sourceName}' did not answer in time.", null, ex);
        }
    }

    private async Task<(string Token, DateTimeOffset RefreshAt)> ExchangeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenUri)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", credentials.ClientId.Reveal()),
                new("client_secret", credentials.ClientSecret.Reveal()),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await tokenClient.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 and not 408 and not 429)
        {
            // RFC 6749 §5.2: bad client credentials come back as 400 invalid_client / invalid_grant.
            throw new SourceException(sourceName, SourceErrorCode.Unauthorized,
                $"Source '{sourceName}' refused the gateway's client credentials (HTTP {status}).", status);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw SourceException.FromStatus(sourceName, status);
        }

        try
        {
            await using var stream = new LengthLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken), MaxTokenAnswerBytes);
            using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
            var root = document.RootElement;
            var token = root.GetProperty("access_token").GetString();
            if (string.IsNullOrEmpty(token))
            {
                throw new JsonException("empty access_token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(5);
            var margin = lifetime > RefreshMargin * 4 ? RefreshMargin : lifetime / 4;
            return (token, time.GetUtcNow() + lifetime - margin);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or LengthLimitedStream.LimitExceededException)
        {
            throw new SourceException(sourceName, SourceErrorCode.BadResponse, $"Source '{sourceName}' answered the token request unexpectedly.", null, ex);
        }
    }
}

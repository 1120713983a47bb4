using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Calls one source's endpoints through its resilience pipeline and auth, follows paging, and turns
/// every failure into a <see cref="SourceException"/> that names the source, the attempts made and
/// the circuit's state.
/// </summary>
public sealed class SourceClient(
    SourceDefinition source,
    HttpMessageInvoker http,
    SourceRuntime runtime,
    TimeProvider time,
    GatewayMetrics? metrics = null,
    SourceFailureLog? failures = null,
    OAuth2TokenProvider? tokens = null)
{
    /// <summary>A client with state of its own, shared with no other.</summary>
    public SourceClient(SourceDefinition source, HttpMessageInvoker http, SourceResilience resilience, TimeProvider time)
        : this(source, http, new SourceRuntime(resilience, new SourceStatistics(time)), time)
    {
    }

    /// <summary>The compiled config of the snapshot this client belongs to.</summary>
    public SourceDefinition Source { get; } = source;

    /// <summary>The state that outlives the snapshot while the source's settings stay equal.</summary>
    public SourceRuntime Runtime { get; } = runtime;

    /// <summary>The OAuth2 token its requests carry; null for other schemes.</summary>
    public OAuth2TokenProvider? Tokens { get; } = tokens;

    public SourceResilience Resilience => Runtime.Resilience;

    public SourceStatistics Statistics => Runtime.Statistics;

    /// <summary>Fetches the items answering <paramref name="keys"/> (all pages of them).</summary>
    public async Task<List<JsonElement>> FetchItemsAsync(
        EndpointDefinition endpoint,
        IReadOnlyList<string> keys,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IDocumentOwner owner,
        CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        Uri? uri = RequestUriBuilder.Build(endpoint, keys, parameters);
        var pages = 0;
        while (uri is not null)
        {
            if (++pages > (endpoint.Paging?.MaxPages ?? 1))
            {
                throw new SourceException(Source.Name, SourceErrorCode.BadResponse,
                    $"Source '{Source.Name}' kept answering with more pages than the configured maximum ({endpoint.Paging?.MaxPages}).");
            }

            var page = await GetAsync(endpoint, uri, endpoint.IsPerKey, owner, cancellationToken);
            if (page.Body is not { } body)
            {
                return items;
            }

            AddItems(endpoint, body, items);
            uri = NextPage(endpoint, body, page.Next);
        }

        return items;
    }

    /// <summary>Fetches one page of a list endpoint; the body itself is the result.</summary>
    public async Task<JsonElement> FetchPageAsync(
        EndpointDefinition endpoint,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IDocumentOwner owner,
        CancellationToken cancellationToken)
    {
        var page = await GetAsync(endpoint, RequestUriBuilder.Build(endpoint, [], parameters), notFoundIsEmpty: false, owner, cancellationToken);
        if (page.Body is not { ValueKind: JsonValueKind.Object } body)
        {
            throw BadResponse("the body is not a JSON object");
        }

        if (endpoint.Items is { } itemsPath && (!itemsPath.TryResolve(body, out var items) || items.ValueKind != JsonValueKind.Array))
        {
            throw BadResponse($"the body has no '{itemsPath}' array");
        }

        return body;
    }

    private Task<(JsonElement? Body, string? Next)> GetAsync(
        EndpointDefinition endpoint, Uri uri, bool notFoundIsEmpty, IDocumentOwner owner, CancellationToken cancellationToken)
    {
        owner.CallStarted();
        return CallAsync(
            "source.call ",
            endpoint.Name,
            static (context, state) => state.Client.AttemptAsync(state.Endpoint, state.Uri, context),
            (Client: this, Endpoint: endpoint, Uri: uri),
            answer =>
            {
                var response = answer.Response;
                if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)
                {
                    return ((JsonElement?)null, (string?)null);
                }

                if (answer.EnvelopeFailure is { } reported)
                {
                    throw reported;
                }

                if (!answer.HasDocument)
                {
                    throw SourceException.FromStatus(Source.Name, (int)response.StatusCode);
                }

                var document = answer.TakeDocument();
                owner.Own(document);
                return ((JsonElement?)document.RootElement, LinkHeader.FindNext(response.Headers));
            },
            notIdempotent: false,
            cancellationToken);
    }

    /// <summary>
    /// Sends one write of <paramref name="body"/> (JSON) for the item <paramref name="key"/>. A 2xx or a
    /// refusal (a 4xx other than auth, timeout and rate limit) is the answer, with a refusal's body when it
    /// is JSON; anything else fails as a <see cref="SourceException"/>. Retries happen only as
    /// <see cref="WriteSafety"/> allows.
    /// </summary>
    public Task<WriteAnswer> WriteAsync(WriteEndpointDefinition write, string key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        CallAsync(
            "source.write ",
            write.Name,
            static (context, state) => state.Client.WriteAttemptAsync(state.Write, state.Uri, state.Body, context),
            (Client: this, Write: write, Uri: write.UriFor(key), Body: body),
            answer =>
            {
                var status = (int)answer.Response.StatusCode;
                return answer.Response.IsSuccessStatusCode || status is >= 400 and < 500 and not (401 or 403 or 408 or 429)
                    ? new WriteAnswer(status, answer.HasDocument ? answer.TakeDocument() : null)
                    : throw SourceException.FromStatus(Source.Name, status);
            },
            notIdempotent: !write.Idempotent,
            cancellationToken);

    /// <summary>
    /// One call through the source's pipeline: its attempts, then <paramref name="read"/> of the last answer;
    /// every failure becomes a <see cref="SourceException"/> of this call, and the call is recorded.
    /// </summary>
    private async Task<T> CallAsync<T, TState>(
        string spanName,
        string endpoint,
        Func<ResilienceContext, TState, ValueTask<SourceAnswer>> attempt,
        TState state,
        Func<SourceAnswer, T> read,
        bool notIdempotent,
        CancellationToken cancellationToken)
    {
        using var activity = GatewayActivitySource.Source.StartActivity(spanName + Source.Name);
        activity?.SetTag("source.name", Source.Name);
        var started = time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WriteSafety.NotIdempotent, notIdempotent);
        SourceAnswer? answer = null;
        SourceException? failure = null;
        try
        {
            Resilience.Budget.RecordAttempt();
            answer = await Resilience.Pipeline.ExecuteAsync(attempt, context, state);
            return read(answer);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SourceException ex)
        {
            // Raised by reading the answer or its envelope, or inside the pipeline (the OAuth2 token request).
            failure = Failure(ex, context);
            throw failure;
        }
        catch (Exception ex)
        {
            failure = Failure(Translate(ex), context);
            throw failure;
        }
        finally
        {
            Finish(endpoint, started, context, answer, failure, activity);
        }
    }

    /// <summary>Records a finished call (metrics, statistics, failure log, span) and releases its answer and context.</summary>
    private void Finish(string endpoint, long started, ResilienceContext context, SourceAnswer? answer, SourceException? failure, Activity? activity)
    {
        var attempts = context.Properties.GetValue(SourceResilience.Attempts, 0);
        var elapsed = time.GetElapsedTime(started);
        metrics?.Call(Source, elapsed, attempts, failure?.Code);
        Statistics.RecordCall(elapsed, failure is not null);
        if (failure is null)
        {
            failures?.Succeeded(Source.Name);
        }
        else
        {
            failures?.Failed(new SourceCallFailure(Source.Name, endpoint, failure.Code, failure.HttpStatus ?? (int?)answer?.Response.StatusCode, elapsed, attempts));
        }

        if (activity is not null)
        {
            activity.SetTag("source.attempts", attempts);
            activity.SetTag("source.circuit_state", Resilience.CircuitState);
            activity.SetTag("http.response.status_code", (int?)answer?.Response.StatusCode);
            if (failure is not null)
            {
                activity.SetTag("error.type", failure.Code);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        answer?.Dispose();
        ResilienceContextPool.Shared.Return(context);
    }

    /// <summary>One attempt of a write: only a refusal's body is read, since it names the field refused; a 2xx needs none.</summary>
    private async ValueTask<SourceAnswer> WriteAttemptAsync(WriteEndpointDefinition write, Uri uri, ReadOnlyMemory<byte> body, ResilienceContext context)
    {
        context.Properties.TryGetValue(SourceResilience.Attempts, out var attempts);
        context.Properties.Set(SourceResilience.Attempts, attempts + 1);
        using var request = new HttpRequestMessage(write.Method, uri) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.SendAsync(request, context.CancellationToken);
        if ((int)response.StatusCode is < 400 or >= 500)
        {
            return new SourceAnswer(response);
        }

        try
        {
            return new SourceAnswer(response, await SourceAnswerReader.ReadAsync(response, Source, context.CancellationToken));
        }
        catch (Exception ex) when (ex is JsonException or SourceException)
        {
            // An unreadable refusal still refuses; it only cannot say which field.
            return new SourceAnswer(response);
        }
    }

    /// <summary>
    /// One attempt, inside the pipeline: send, and read a 2xx answer's body (bounded) and its envelope, so
    /// that the attempt's timeout covers the body and the retry and breaker see errors the body reports.
    /// </summary>
    private async ValueTask<SourceAnswer> AttemptAsync(EndpointDefinition endpoint, Uri uri, ResilienceContext context)
    {
        context.Properties.TryGetValue(SourceResilience.Attempts, out var attempts);
        context.Properties.Set(SourceResilience.Attempts, attempts + 1);

        // A fresh message per attempt: a sent HttpRequestMessage cannot be sent again.
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var coding in Source.ContentEncodings)
        {
            request.Headers.AcceptEncoding.ParseAdd(coding);
        }

        var response = await http.SendAsync(request, context.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new SourceAnswer(response);
        }

        JsonDocument? document = null;
        try
        {
            document = await SourceAnswerReader.ReadAsync(response, Source, context.CancellationToken);
            if (endpoint.Envelope?.FailureIn(document.RootElement, Source.Name, (int)response.StatusCode) is { } reported)
            {
                document.Dispose();
                return new SourceAnswer(response, envelopeFailure: reported);
            }

            return new SourceAnswer(response, document);
        }
        catch
        {
            document?.Dispose();
            response.Dispose();
            throw;
        }
    }

    private SourceException Translate(Exception ex) => ex switch
    {
        TimeoutRejectedException or OperationCanceledException => new SourceException(Source.Name, SourceErrorCode.Timeout,
            $"Source '{Source.Name}' did not answer in time.", null, ex),
        BrokenCircuitException => new SourceException(Source.Name, SourceErrorCode.Unavailable,
            $"Source '{Source.Name}' is failing; its circuit is open, so it was not called.", null, ex),
        RateLimiterRejectedException => new SourceException(Source.Name, SourceErrorCode.RateLimited,
            $"The gateway's outbound rate or concurrency limit for source '{Source.Name}' is exhausted.", null, ex),
        JsonException => new SourceException(Source.Name, SourceErrorCode.BadResponse, $"Source '{Source.Name}' answered with malformed JSON.", null, ex),
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded } => new SourceException(
            Source.Name, SourceErrorCode.BadResponse, $"Source '{Source.Name}' answered with malformed or oversized HTTP.", null, ex),

        // No status: the only one a transport failure carries here is a proxy's refusal of the tunnel, not the source's answer.
        HttpRequestException or IOException or SocketException => new SourceException(Source.Name, SourceErrorCode.Unavailable, $"Source '{Source.Name}' cannot be reached.", null, ex),
        _ => new SourceException(Source.Name, SourceErrorCode.Unavailable, $"Source '{Source.Name}' failed unexpectedly.", null, ex),
    };

    private SourceException Failure(SourceException failure, ResilienceContext context) =>
        failure.OfCall(context.Properties.GetValue(SourceResilience.Attempts, 0), Resilience.CircuitState);

    private void AddItems(EndpointDefinition endpoint, JsonElement body, List<JsonElement> items)
    {
        if (endpoint.Items is not { } itemsPath)
        {
            items.Add(body);
            return;
        }

        if (!itemsPath.TryResolve(body, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw BadResponse($"the body has no '{itemsPath}' array");
        }

        foreach (var item in array.EnumerateArray())
        {
            items.Add(item);
        }
    }

    private Uri? NextPage(EndpointDefinition endpoint, JsonElement body, string? linkHeaderNext)
    {
        if (endpoint.Paging is not { } paging)
        {
            return null;
        }

        string? next;
        if (paging.UsesLinkHeader)
        {
            next = linkHeaderNext;
        }
        else
        {
            next = paging.NextUrlPath!.TryResolve(body, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }

        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        // The next page's URL comes from the source; credentials are only ever sent back to the source's own origin.
        if (!Uri.TryCreate(next, UriKind.Absolute, out var uri) || !Source.IsSameOrigin(uri))
        {
            throw BadResponse("its next-page link points outside the source");
        }

        return uri;
    }

    private SourceException BadResponse(string what) => SourceException.BadResponse(Source.Name, what);
}

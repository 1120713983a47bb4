using System.Collections.Concurrent;
using System.Net;

namespace CrmFederation.Benchmarks;

/// <summary>
/// The gateway's innermost HTTP handler for the in-process benchmark: while recording it forwards to
/// the sample systems and keeps every answer; once replaying it answers from memory, so a benchmark
/// measures the gateway alone, not the systems behind it or the loopback network.
/// </summary>
public sealed class UpstreamRecorder(HttpMessageHandler upstream) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _upstream = new(upstream);
    private readonly ConcurrentDictionary<string, RecordedAnswer> _answers = new(StringComparer.Ordinal);

    public bool Replaying { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Method + " " + request.RequestUri;
        if (Replaying)
        {
            return _answers.TryGetValue(key, out var recorded)
                ? recorded.ToResponse(request)
                : throw new InvalidOperationException("No recorded answer for " + key);
        }

        using var response = await _upstream.SendAsync(request, cancellationToken);
        var answer = await RecordedAnswer.ReadAsync(response, cancellationToken);
        _answers[key] = answer;
        return answer.ToResponse(request);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _upstream.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record RecordedAnswer(
        HttpStatusCode Status,
        KeyValuePair<string, string[]>[] Headers,
        KeyValuePair<string, string[]>[] ContentHeaders,
        byte[] Body)
    {
        public static async Task<RecordedAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) => new(
            response.StatusCode,
            [.. response.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))],
            [.. response.Content.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))],
            await response.Content.ReadAsByteArrayAsync(cancellationToken));

        public HttpResponseMessage ToResponse(HttpRequestMessage request)
        {
            var response = new HttpResponseMessage(Status) { RequestMessage = request, Content = new ByteArrayContent(Body) };
            foreach (var (name, values) in Headers)
            {
                response.Headers.TryAddWithoutValidation(name, values);
            }

            foreach (var (name, values) in ContentHeaders)
            {
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }

            return response;
        }
    }
}

using System.Net;
using Polly;
using Polly.Timeout;

namespace CrmFederation.Gateway.Resilience;

/// <summary>What one attempt's outcome says about the source: the breaker and the retry read it alike.</summary>
public static class SourceOutcome
{
    /// <summary>
    /// The source is down or overloaded: an attempt timeout, a transient transport failure, 408 or a 5xx.
    /// This counts against the breaker. A transport failure that is not transient (a bad certificate, an
    /// unreadable answer) is a fault of configuration or of the source's HTTP that an open circuit would only hide.
    /// </summary>
    public static bool IsFailing(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Exception is { } exception && TransientTransportFailure.Is(exception))
        || (outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout));

    /// <summary>
    /// Worth another attempt: a failing source, or 429 (the source protecting itself, which does not count
    /// against the breaker). The one request in the pipeline that is not a read, the OAuth2 token POST,
    /// reports its failures as a SourceException, which is neither, so it is not sent again.
    /// </summary>
    public static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) =>
        IsFailing(outcome) || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;
}

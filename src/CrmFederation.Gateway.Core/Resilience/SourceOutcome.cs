using System.Net;
using CrmFederation.Gateway.Sources;
using Polly;
using Polly.Timeout;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// What one attempt's outcome says about the source: the breaker and the retry read it alike. An error
/// a 2xx answer reports in its envelope counts as the HTTP error of its kind.
/// </summary>
public static class SourceOutcome
{
    /// <summary>
    /// The source is down or overloaded: an attempt timeout, a transient transport failure, 408, a 5xx,
    /// or an envelope reporting the source unavailable. This counts against the breaker. A transport failure
    /// that is not transient (a bad certificate, an unreadable answer) is a fault of configuration or of the
    /// source's HTTP that an open circuit would only hide.
    /// </summary>
    public static bool IsFailing(Outcome<SourceAnswer> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Exception is { } exception && TransientTransportFailure.Is(exception))
        || (outcome.Result is { } answer && IsFailing(answer));

    /// <summary>
    /// Worth another attempt: a failing source, or a rate limit (429 or its envelope twin: the source
    /// protecting itself, which does not count against the breaker). The one request in the pipeline that
    /// is not a read, the OAuth2 token POST, reports its failures as a SourceException, which is neither,
    /// so it is not sent again; nor is an answer that could not be read.
    /// </summary>
    public static bool IsWorthRetrying(Outcome<SourceAnswer> outcome) =>
        IsFailing(outcome)
        || outcome.Result?.Response.StatusCode == HttpStatusCode.TooManyRequests
        || outcome.Result?.EnvelopeFailure?.Code == SourceErrorCode.RateLimited;

    private static bool IsFailing(SourceAnswer answer) =>
        (int)answer.Response.StatusCode >= 500
        || answer.Response.StatusCode == HttpStatusCode.RequestTimeout
        || answer.EnvelopeFailure?.Code == SourceErrorCode.Unavailable;
}

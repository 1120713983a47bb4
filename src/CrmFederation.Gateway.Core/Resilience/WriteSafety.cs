using CrmFederation.Gateway.Sources;
using Polly;

namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// When a write may be sent again, and whether a failed one may have changed the source anyway. A write
/// to an endpoint that is not declared idempotent is sent again only when its failure proves that the
/// request never left: the connection could not be made. A timeout, a reset or a 5xx after sending
/// leaves the outcome unknown, and sending again could apply the change twice.
/// </summary>
public static class WriteSafety
{
    public static readonly ResiliencePropertyKey<bool> NotIdempotent = new("crmfed.write-not-idempotent");

    public static bool MayResend(Outcome<SourceAnswer> outcome, ResilienceContext context) =>
        !context.Properties.GetValue(NotIdempotent, false) || (outcome.Exception is { } exception && NothingSent(exception));

    /// <summary>The connection to the source could not be made (refused, or the name not resolved): the request was never sent.</summary>
    public static bool NothingSent(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    /// <summary>True when the failed write may have been applied: it was sent and no answer said it was not.</summary>
    public static bool MayHaveApplied(SourceException failure) => failure.Code switch
    {
        SourceErrorCode.Timeout or SourceErrorCode.BadResponse => failure.Attempts > 0,
        SourceErrorCode.Unavailable => failure.Attempts > 0 && !(failure.InnerException is { } inner && NothingSent(inner)),
        _ => false,
    };
}

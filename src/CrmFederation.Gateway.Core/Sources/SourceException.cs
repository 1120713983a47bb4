namespace CrmFederation.Gateway.Sources;

/// <summary>
/// A source call failed. The message is safe to show to clients: it names the source and what went
/// wrong, never a URL with keys, a credential or a body.
/// </summary>
public sealed class SourceException : Exception
{
    public SourceException(string source, string code, string message, int? httpStatus = null, Exception? inner = null)
        : base(message, inner)
    {
        Source = source;
        Code = code;
        HttpStatus = httpStatus;
    }

    public new string Source { get; }

    public string Code { get; }

    public int? HttpStatus { get; }

    /// <summary>
    /// Attempts made, retries included; 0 when the circuit or a limit refused the call; null when the
    /// failure is not the outcome of a call (a value the source sent could not be converted).
    /// </summary>
    public int? Attempts { get; private init; }

    public string? CircuitState { get; private init; }

    /// <summary>The source's own error code, when its answer's envelope reported one; for operators.</summary>
    public string? UpstreamCode { get; private init; }

    /// <summary>The source's own error message, when its answer's envelope reported one; for operators only (it may name anything).</summary>
    public string? UpstreamMessage { get; private init; }

    /// <summary>
    /// This failure as the outcome of one call. A copy rather than a change: one failure can end several
    /// calls (every caller waiting on a shared token request gets the same exception), each with its own attempts.
    /// </summary>
    public SourceException OfCall(int attempts, string circuitState) => Copy(attempts, circuitState);

    /// <summary>
    /// This failure again, for one of the requests that shared the call it ended: each request throws its
    /// own exception (an exception thrown on several threads at once has one stack trace for all of them).
    /// </summary>
    public SourceException ForAnotherRequest() => Copy(Attempts, CircuitState);

    private SourceException Copy(int? attempts, string? circuitState) =>
        new(Source, Code, Message, HttpStatus, InnerException)
        {
            Attempts = attempts,
            CircuitState = circuitState,
            UpstreamCode = UpstreamCode,
            UpstreamMessage = UpstreamMessage,
        };

    public static SourceException FromStatus(string source, int status)
    {
        var code = status switch
        {
            401 or 403 => SourceErrorCode.Unauthorized,
            429 => SourceErrorCode.RateLimited,
            >= 500 => SourceErrorCode.Unavailable,
            _ => SourceErrorCode.Rejected,
        };
        return new(source, code, $"{Failure(source, code)} (HTTP {status}).", status);
    }

    /// <summary>The source's answer could not be used; <paramref name="what"/> says why, without quoting it.</summary>
    public static SourceException BadResponse(string source, string what, int? status = null, Exception? inner = null) =>
        new(source, SourceErrorCode.BadResponse, $"Source '{source}' answered unexpectedly: {what}.", status, inner);

    /// <summary>An answer with a 2xx status whose body reports an error of the kind <paramref name="code"/>.</summary>
    public static SourceException FromEnvelope(string source, string code, int status, string? upstreamCode, string? upstreamMessage) =>
        new(source, code, $"{Failure(source, code)} (an error in its HTTP {status} answer).", status)
        {
            UpstreamCode = upstreamCode,
            UpstreamMessage = upstreamMessage,
        };

    private static string Failure(string source, string code) => code switch
    {
        SourceErrorCode.Unauthorized => $"Source '{source}' refused the gateway's credentials",
        SourceErrorCode.RateLimited => $"Source '{source}' is rate limiting the gateway",
        SourceErrorCode.Unavailable => $"Source '{source}' is unavailable",
        _ => $"Source '{source}' rejected the request",
    };
}

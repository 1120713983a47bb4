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

    /// <summary>
    /// This failure as the outcome of one call. A copy rather than a change: one failure can end several
    /// calls (every caller waiting on a shared token request gets the same exception), each with its own attempts.
    /// </summary>
    public SourceException OfCall(int attempts, string circuitState) =>
        new(Source, Code, Message, HttpStatus, InnerException) { Attempts = attempts, CircuitState = circuitState };

    public static SourceException FromStatus(string source, int status) => status switch
    {
        401 or 403 => new(source, SourceErrorCode.Unauthorized, $"Source '{source}' refused the gateway's credentials (HTTP {status}).", status),
        429 => new(source, SourceErrorCode.RateLimited, $"Source '{source}' is rate limiting the gateway (HTTP 429).", status),
        >= 500 => new(source, SourceErrorCode.Unavailable, $"Source '{source}' is unavailable (HTTP {status}).", status),
        _ => new(source, SourceErrorCode.Rejected, $"Source '{source}' rejected the request (HTTP {status}).", status),
    };
}

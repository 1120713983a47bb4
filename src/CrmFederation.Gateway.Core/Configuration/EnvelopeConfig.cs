namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Where a source that answers errors with HTTP 200 says so in the body: a success flag, an error code
/// and message, and which codes mean which kind of failure. Such an answer then fails like the HTTP
/// error of that kind.
/// </summary>
public sealed record EnvelopeConfig
{
    /// <summary>Path of the boolean that is false on an error (<c>success</c>, <c>ok</c>); absent: a non-null error code is the error.</summary>
    public string? Success { get; init; }

    /// <summary>Path of the error's code (<c>errors[0].code</c>, <c>error</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Path of the error's message, shown to operators only.</summary>
    public string? ErrorMessage { get; init; }

    public EnvelopeCodesConfig Codes { get; init; } = new();
}

/// <summary>Which of the source's error codes mean which kind of failure; any other code is a rejection.</summary>
public sealed record EnvelopeCodesConfig
{
    /// <summary>Tried again after a backoff, like HTTP 429.</summary>
    public IReadOnlyList<string> RateLimited { get; init; } = [];

    /// <summary>The gateway's credentials were refused, like HTTP 401.</summary>
    public IReadOnlyList<string> Unauthorized { get; init; } = [];

    /// <summary>The request was refused, like HTTP 400; also every code not listed.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>The source is down or overloaded, like HTTP 503: retried, and counted by the circuit breaker.</summary>
    public IReadOnlyList<string> Unavailable { get; init; } = [];
}

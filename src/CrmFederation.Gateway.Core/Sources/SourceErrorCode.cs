namespace CrmFederation.Gateway.Sources;

/// <summary>The <c>extensions.code</c> values of errors caused by a source.</summary>
public static class SourceErrorCode
{
    public const string Unavailable = "SOURCE_UNAVAILABLE";
    public const string Timeout = "SOURCE_TIMEOUT";
    public const string RateLimited = "SOURCE_RATE_LIMITED";
    public const string BadResponse = "SOURCE_BAD_RESPONSE";
    public const string Unauthorized = "SOURCE_UNAUTHORIZED";
    public const string Rejected = "SOURCE_REJECTED";

    /// <summary>What a failure with <paramref name="code"/> means, in words that say nothing of how the call went.</summary>
    public static string Describe(string? code, string source) => code switch
    {
        Timeout => $"Source '{source}' did not answer in time.",
        RateLimited => $"Source '{source}' is rate limiting the gateway.",
        BadResponse => $"Source '{source}' answered unexpectedly.",
        Unauthorized => $"Source '{source}' refused the gateway's credentials.",
        Rejected => $"Source '{source}' rejected the request.",
        _ => $"Source '{source}' is unavailable.",
    };
}

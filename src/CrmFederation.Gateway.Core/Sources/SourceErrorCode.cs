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
}

using GraphQL.Execution;

namespace CrmFederation.Gateway.Http;

/// <summary>The executed result was larger than the request's <see cref="IResponseBodyLimit"/>: it is dropped and this error sent instead.</summary>
public sealed class ResponseTooLargeError : RequestError
{
    public ResponseTooLargeError(long limitBytes)
        : base($"The response is larger than the {limitBytes} bytes this endpoint sends; nothing of it was sent. Ask for fewer rows or fields, or page through them.")
    {
        Code = "RESPONSE_TOO_LARGE";
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }
}

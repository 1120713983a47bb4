namespace CrmFederation.Gateway.Http;

/// <summary>A GraphQL error that decides the HTTP status of the response that carries it.</summary>
public interface IHttpStatusError
{
    int StatusCode { get; }

    /// <summary>The <c>Allow</c> header a 405 must carry (RFC 9110 §15.5.6); null for other statuses.</summary>
    string? Allow { get; }
}

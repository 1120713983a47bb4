using GraphQL.Execution;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// A request refused by the HTTP layer before GraphQL saw it. It is written as a GraphQL response
/// (<c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c>) so clients need only one error shape.
/// </summary>
public abstract class GraphQLHttpError : RequestError, IHttpStatusError
{
    protected GraphQLHttpError(string code, int statusCode, string message)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    public virtual string? Allow => null;
}

using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// 405 with <c>Allow: POST</c>: the operation chosen from a GET request is not a query. Found during
/// validation, because only the parsed document tells which operation runs, but it is a transport
/// error: the same request over POST would be valid.
/// </summary>
public sealed class HttpMethodValidationError : ValidationError, IHttpStatusError
{
    public HttpMethodValidationError(ROM originalQuery, ASTNode operation, string message)
        : base(originalQuery, null, message, operation)
    {
        Code = "HTTP_METHOD_VALIDATION";
    }

    public int StatusCode => StatusCodes.Status405MethodNotAllowed;

    public string? Allow => HttpMethods.Post;
}

using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// 400: the JSON is malformed or is not a GraphQL request (an object whose <c>query</c> and
/// <c>operationName</c> are strings and whose <c>variables</c> and <c>extensions</c> are objects).
/// </summary>
public sealed class JsonInvalidError(string message)
    : GraphQLHttpError("JSON_INVALID", StatusCodes.Status400BadRequest, message);

using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>406: the <c>Accept</c> header allows neither media type the endpoint answers with.</summary>
public sealed class NotAcceptableError()
    : GraphQLHttpError(
        "NOT_ACCEPTABLE",
        StatusCodes.Status406NotAcceptable,
        $"The Accept header allows no media type this endpoint produces: '{ResponseMediaType.GraphQLResponseJson.MediaType}' or '{ResponseMediaType.Json.MediaType}'.");

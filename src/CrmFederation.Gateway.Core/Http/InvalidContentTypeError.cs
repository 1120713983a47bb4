using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>415: the POST body's media type or charset is not one the endpoint reads.</summary>
public sealed class InvalidContentTypeError(string message)
    : GraphQLHttpError("INVALID_CONTENT_TYPE", StatusCodes.Status415UnsupportedMediaType, message);

using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>413: the POST body is larger than the request's <see cref="IRequestBodyLimit"/>.</summary>
public sealed class BodyTooLargeError(long limitBytes)
    : GraphQLHttpError("BODY_TOO_LARGE", StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the {limitBytes} bytes this endpoint accepts.");

using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// 400: no <c>query</c> and no stored document's id, so not a well-formed GraphQL-over-HTTP request.
/// Answered here rather than by the executor so the status does not depend on the negotiated media type.
/// </summary>
public sealed class MissingQueryError()
    : GraphQLHttpError("QUERY_MISSING", StatusCodes.Status400BadRequest, "The request has no GraphQL query: send it as 'query', or a trusted document's hash as 'documentId'.");

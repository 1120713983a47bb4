using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>400: a request a browser could send cross-site without a preflight, and without a required header.</summary>
public sealed class CsrfRequiredHeaderError(IEnumerable<string> headers)
    : GraphQLHttpError(
        "CSRF_REQUIRED_HEADER",
        StatusCodes.Status400BadRequest,
        $"This request must carry a non-empty header from this list: {string.Join(", ", headers.Select(h => $"'{h}'"))}.");

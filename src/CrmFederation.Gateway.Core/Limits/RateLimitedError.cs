using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Limits;

/// <summary>429: the client has spent its request budget; the response's <c>Retry-After</c> says when to come back.</summary>
public sealed class RateLimitedError(int retryAfterSeconds)
    : GraphQLHttpError(
        "RATE_LIMITED",
        StatusCodes.Status429TooManyRequests,
        $"This client has sent more requests than its roles allow. Retry after {retryAfterSeconds} s.");

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Limits;

public static class ClientRateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Per-client rate limits from the roles of access.json; an endpoint opts in with
    /// <c>RequireRateLimiting(ClientRateLimitPolicy.Name)</c>, after authentication has named the caller.
    /// </summary>
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<ClientRateLimitPolicy.Partition, ClientRateLimitPolicy>(ClientRateLimitPolicy.Name);
        });
}

using System.Globalization;
using System.Threading.RateLimiting;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// ASP.NET Core rate limiting per client: a token bucket per caller identity (an API key's name, a JWT's
/// subject), sized by the current snapshot's limits for the caller's roles. The budget is part of the
/// partition key, so once a new config changes it, the caller's next request gets a bucket of the new
/// size; the old bucket is dropped when idle.
/// </summary>
public sealed class ClientRateLimitPolicy(GatewaySnapshotHolder snapshots) : IRateLimiterPolicy<ClientRateLimitPolicy.Partition>
{
    public const string Name = "client";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<Partition> GetPartition(HttpContext httpContext)
    {
        var caller = httpContext.User;
        var limit = snapshots.Current.Access.RateLimitOf(caller.Roles());

        // The scheme keeps an API key and a JWT subject of the same name apart.
        var client = caller.ClientName() is { } name
            ? $"{caller.Identity?.AuthenticationType}:{name}"
            : $"address:{httpContext.Connection.RemoteIpAddress}";
        var partition = new Partition(client, limit);
        return limit is null
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.GetTokenBucketLimiter(partition, static key => key.Limit!.TokenBucket());
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await GraphQLResponseWriter.WriteErrorAsync(rejected.HttpContext, new RateLimitedError(seconds));
    }

    /// <summary>A client and the budget it had when the bucket was made.</summary>
    public readonly record struct Partition(string Client, ClientRateLimit? Limit);
}

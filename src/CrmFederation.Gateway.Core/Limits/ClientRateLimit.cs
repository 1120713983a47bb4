using System.Threading.RateLimiting;

namespace CrmFederation.Gateway.Limits;

/// <summary>The compiled request budget of one client: a token bucket of <paramref name="Burst"/> requests refilled at <paramref name="RequestsPerMinute"/>.</summary>
public sealed record ClientRateLimit(int RequestsPerMinute, int Burst)
{
    /// <summary>
    /// The bucket's settings. ASP.NET Core's token bucket adds whole tokens once per elapsed period, checked on
    /// a 100 ms timer, so the period is kept at a second or more (a tick late costs at most a tenth of the
    /// rate): a second's worth of tokens, rounded up, every period that makes the rate exact.
    /// </summary>
    public TokenBucketRateLimiterOptions TokenBucket()
    {
        var tokens = (RequestsPerMinute + 59) / 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokens / RequestsPerMinute,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    /// <summary>The budget of a caller holding several roles: the highest rate and the largest burst among them.</summary>
    public static ClientRateLimit MostGenerous(ClientRateLimit a, ClientRateLimit b) =>
        new(Math.Max(a.RequestsPerMinute, b.RequestsPerMinute), Math.Max(a.Burst, b.Burst));
}

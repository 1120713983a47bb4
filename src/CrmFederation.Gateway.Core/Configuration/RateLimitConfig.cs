namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// A role's request budget per client: a sustained rate and a burst the client may spend at once
/// (a token bucket holding <see cref="Burst"/> requests, refilled at <see cref="RequestsPerMinute"/>).
/// </summary>
public sealed record RateLimitConfig
{
    public required int RequestsPerMinute { get; init; }

    public required int Burst { get; init; }
}

namespace CrmFederation.SampleSystems;

/// <summary>How the four sample systems start: ports, the data's seed and size, and the simulation defaults.</summary>
public sealed class SampleSystemsOptions
{
    /// <summary>CRM port; 0 picks a free one (see <see cref="RunningSampleSystems.CrmBaseUrl"/>).</summary>
    public int CrmPort { get; set; } = 7101;

    public int ErpPort { get; set; } = 7102;

    public int HelpdeskPort { get; set; } = 7103;

    public int CommercePort { get; set; } = 7104;

    public int Seed { get; set; } = 42;

    public int CustomerCount { get; set; } = 10_000;

    /// <summary>Fixed delay before every answer, on all four systems (changeable at run time via <c>/_sim/faults</c>).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Random extra delay, 0 to this many milliseconds, on top of <see cref="LatencyMs"/>.</summary>
    public int JitterMs { get; set; }

    public TimeSpan CrmTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The helpdesk's requests per second before it answers 429; 0 means unlimited.</summary>
    public double HelpdeskRateLimitPerSecond { get; set; }

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The clock for token expiry, <c>updatedAt</c> stamps, rate limits and latency; tests substitute
    /// their own to expire CRM tokens without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

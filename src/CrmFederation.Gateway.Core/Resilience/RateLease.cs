using System.Threading.RateLimiting;

namespace CrmFederation.Gateway.Resilience;

/// <summary>The two leases the outbound rate limiters hand out: nothing is held, so there is nothing to release.</summary>
internal sealed class RateLease(bool acquired) : RateLimitLease
{
    public static readonly RateLimitLease Granted = new RateLease(acquired: true);

    public static readonly RateLimitLease Refused = new RateLease(acquired: false);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The signed webhook calls accepted by any gateway instance, so that a call captured on its way to
/// one instance cannot be replayed to another. Each instance also remembers its own calls; this
/// adds the instances behind the same load balancer.
/// </summary>
public interface IWebhookSignatureClaims
{
    /// <summary>
    /// Claims the call signed <paramref name="signature"/> for <paramref name="source"/> until
    /// <paramref name="validUntil"/>, when its timestamp goes out of the window. Never throws: without
    /// a shared store to ask, the answer is <see cref="SignatureClaim.NotShared"/>.
    /// </summary>
    Task<SignatureClaim> ClaimAsync(string source, string signature, DateTimeOffset validUntil);
}

public enum SignatureClaim
{
    /// <summary>No instance had accepted the call.</summary>
    Claimed,

    /// <summary>An instance (maybe this one) accepted the call before: it is a replay.</summary>
    ClaimedBefore,

    /// <summary>No shared store could be asked (none configured, or Redis is down); only this instance's memory decides.</summary>
    NotShared,
}

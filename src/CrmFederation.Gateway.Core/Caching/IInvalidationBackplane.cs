using Microsoft.Extensions.Hosting;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// Carries cache evictions to the other gateway instances. HybridCache's tag invalidation reaches
/// only this instance's memory; the instance that evicts applies the eviction itself, then publishes
/// it. Started with the host, so an instance listens before it serves.
/// </summary>
public interface IInvalidationBackplane : IHostedService
{
    /// <summary>Tells the other instances to evict <paramref name="tag"/>; never throws, since this instance has evicted it already.</summary>
    Task PublishAsync(string tag);
}

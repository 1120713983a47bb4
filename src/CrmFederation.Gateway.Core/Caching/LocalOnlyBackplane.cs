namespace CrmFederation.Gateway.Caching;

/// <summary>Without Redis the cache is per instance and there is no channel between instances: an eviction stays local.</summary>
public sealed class LocalOnlyBackplane : IInvalidationBackplane
{
    public Task PublishAsync(string tag) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The drain before the gateway stops listening. A host stops its services' <c>StoppingAsync</c> before any
/// <c>StopAsync</c>, Kestrel's included, so the gateway still serves during the delay while readiness
/// already says it is going (<see cref="GatewayReadinessCheck"/>): in Kubernetes, a pod's endpoints are
/// removed while it drains, in place of a <c>preStop</c> sleep, which the shell-less image could not run.
/// </summary>
public sealed partial class ShutdownDrain(ShutdownSettings settings, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogShuttingDown(logger, settings.DrainSeconds, settings.TimeoutSeconds);
        if (settings.DrainSeconds == 0)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(settings.DrainSeconds), time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown budget ran out (it covers the drain too): stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information,
        "Shutting down: not ready from now on, serving {DrainSeconds} s more while load balancers stop sending, then up to {TimeoutSeconds} s for the requests in flight")]
    private static partial void LogShuttingDown(ILogger logger, int drainSeconds, int timeoutSeconds);
}

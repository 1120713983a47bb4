using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Ready when a valid config is loaded. A failing source (<see cref="SourceHealth"/>: its circuit is open,
/// it failed every call of the last few seconds, or most of its calls in the last minute) makes the
/// gateway Degraded, with the source named: it still serves every field the other sources answer, so it stays ready.
/// From the moment shutdown begins (SIGTERM) it is Unhealthy, so load balancers stop sending requests.
/// </summary>
public sealed class GatewayReadinessCheck(GatewaySnapshotHolder snapshots, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Shutting down: finishing the requests in flight, taking no new ones."));
        }

        var snapshot = snapshots.Current;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["configVersion"] = snapshot.Version };
        var failing = new List<string>();
        foreach (var (name, client) in snapshot.Clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var health = SourceHealth.Of(client);
            data[name] = health.Reason ?? "ok";
            if (health.Failing)
            {
                failing.Add(name);
            }
        }

        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Config loaded; every source is answering.", data)
            : HealthCheckResult.Degraded($"Failing sources: {string.Join(", ", failing)}. Their fields come back null with errors.", data: data));
    }
}

using CrmFederation.Gateway.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrmFederation.Gateway.Administration;

/// <summary>Records the version the gateway starts with, unless the history already ends with it (a plain restart).</summary>
public sealed class ConfigHistoryStartup(GatewaySnapshotHolder snapshots, ConfigHistory history, ConfigChangeAudit audit, TimeProvider clock) : IHostedService
{
    public const string SystemCaller = "gateway";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var current = snapshots.Current;
        var newest = history.Newest;
        if (newest?.Version != current.Version)
        {
            var before = newest?.FileSet(current.Files);
            var changes = before is null
                ? new ConfigChangeSummary([], 0, 0, 0)
                : ConfigChangeSummary.Between(before, current.Files, SchemaComparison.Between(before, current.Files));
            audit.Write(history.Add(current.Version, current.Files, SystemCaller, "startup", forced: false, reason: null, changes, clock.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

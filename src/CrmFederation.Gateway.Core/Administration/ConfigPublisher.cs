using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Configuration.Reload;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Makes what is now in the gateway-config directory the running config through the hot-reload path, so an
/// applied change keeps every source's runtime state its edit leaves equal (breakers, tokens, cache entries),
/// is counted and shown in the reload status like any other reload, and requests in flight finish on the old snapshot.
/// </summary>
public sealed class ConfigPublisher(ConfigReloader reloader, GatewaySnapshotHolder snapshots)
{
    /// <summary>The snapshot now running, or the diagnostics that kept the directory from compiling (the old snapshot keeps running).</summary>
    public async Task<(GatewaySnapshot? Published, IReadOnlyList<ConfigDiagnostic> Diagnostics)> PublishAsync(string trigger, CancellationToken cancellationToken)
    {
        // Unchanged is a success too: the watcher may have reloaded the files just written before this call.
        var result = await reloader.ReloadAsync(trigger, cancellationToken);
        return result.Outcome == ConfigReloadOutcome.Rejected ? (null, result.Errors) : (snapshots.Current, []);
    }
}

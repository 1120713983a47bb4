using CrmFederation.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Makes what is now in the gateway-config directory the running config: compiles it as start-up does and
/// swaps the snapshot (requests in flight finish on the old one). The one place the admin API publishes,
/// so that it can hand over to the hot-reload path when that exists.
/// </summary>
public sealed class ConfigPublisher(
    GatewayConfigCompiler compiler, GatewaySnapshotHolder snapshots, IConfiguration configuration, IOptions<GatewayOptions> options, UnsetValuePolicy? unset = null)
{
    /// <summary>The snapshot now running, or the diagnostics that kept the directory from compiling (the old snapshot keeps running).</summary>
    public (GatewaySnapshot? Published, IReadOnlyList<ConfigDiagnostic> Diagnostics) Publish()
    {
        var (snapshot, diagnostics) = compiler.TryCompile(options.Value.ResolveConfigPath(), name => configuration[name], unset);
        if (snapshot is not null)
        {
            snapshots.Swap(snapshot);
        }

        return (snapshot, diagnostics);
    }
}

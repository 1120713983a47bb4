using CrmFederation.Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Checks a proposed config without applying it: compiles it in memory exactly as start-up would (the same
/// variables, the same rules), compares its public schema with the live one's, and validates the recently
/// served operations against it. Compiling uses a throw-away connection pool, so the gateway's sources,
/// breakers and tokens are never touched by a dry run.
/// </summary>
public sealed class ConfigDryRun(IConfiguration configuration, RecentOperations operations, UnsetValuePolicy? unset = null)
{
    public async Task<ConfigValidationReport> ValidateAsync(GatewaySnapshot live, ConfigFileSet proposed, CancellationToken cancellationToken)
    {
        var (snapshot, diagnostics) = StandaloneCompiler.TryCompile(proposed, name => configuration[name], unset);
        var changes = SchemaComparison.Between(live.Files, proposed);
        var broken = snapshot is null
            ? []
            : await OperationCompatibility.BrokenAsync(live.Schema, snapshot.Schema, operations.Recent(), cancellationToken);
        return new ConfigValidationReport(proposed, diagnostics, changes, broken, operations.MaxAge);
    }
}

using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Compiles a gateway-config directory outside a running gateway (the <c>validate</c> command, tests):
/// its connection pool lives only for the compile, so the snapshot is for inspection, not for calling sources.
/// </summary>
public static class StandaloneCompiler
{
    public static (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryCompile(
        string directory, Func<string, string?> variables, UnsetValuePolicy? unset = null)
    {
        using var pool = new UpstreamConnectionPool();
        using var services = new ServiceCollection().BuildServiceProvider();
        return new GatewayConfigCompiler(new SourceClientFactory(pool, TimeProvider.System), services).TryCompile(directory, variables, unset);
    }

    /// <summary>Compiles files held in memory (a proposed change) the same way.</summary>
    public static (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryCompile(
        ConfigFileSet files, Func<string, string?> variables, UnsetValuePolicy? unset = null)
    {
        using var pool = new UpstreamConnectionPool();
        using var services = new ServiceCollection().BuildServiceProvider();
        return new GatewayConfigCompiler(new SourceClientFactory(pool, TimeProvider.System), services).TryCompile(files, variables, unset);
    }
}

using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Compiles the deployment's gateway-config, at start and on every reload: the directory of
/// <c>Gateway:ConfigPath</c>, with the host's configuration as its variables and the host's policy for unset values.
/// </summary>
public sealed class GatewayConfigLoader(GatewayConfigCompiler compiler, IConfiguration configuration, UnsetValuePolicy? unset = null)
{
    public string Directory { get; } =
        (configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions()).ResolveConfigPath();

    /// <summary>The content version of the files as they are now, without compiling them.</summary>
    public string ReadVersion() => ConfigDirectoryReader.Read(Directory, []).Version;

    public (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryLoad() =>
        compiler.TryCompile(Directory, name => configuration[name], unset);

    public GatewaySnapshot Load() => compiler.Compile(Directory, name => configuration[name], unset);
}

namespace CrmFederation.Gateway.Configuration;

/// <summary>Host settings of the gateway (section <c>Gateway</c>, env <c>Gateway__…</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The gateway-config directory; relative paths are resolved from the app's base directory.</summary>
    public string ConfigPath { get; set; } = "gateway-config";

    public string ResolveConfigPath() =>
        Path.IsPathRooted(ConfigPath) ? ConfigPath : Path.Combine(AppContext.BaseDirectory, ConfigPath);
}

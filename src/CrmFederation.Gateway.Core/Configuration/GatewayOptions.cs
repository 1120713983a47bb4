namespace CrmFederation.Gateway.Configuration;

/// <summary>Host settings of the gateway (section <c>Gateway</c>, env <c>Gateway__…</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The gateway-config directory; relative paths are resolved from the app's base directory.</summary>
    public string ConfigPath { get; set; } = "gateway-config";

    /// <summary>
    /// Demo mode (<c>--demo</c>): the sample systems run in-process, and every caller may introspect the
    /// schema and gets "Did you mean" suggestions, so that tools work with any of the sample keys.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>Reload gateway-config when its files change (editors, a Kubernetes ConfigMap); on by default.</summary>
    public bool WatchConfig { get; set; } = true;

    /// <summary>Quiet time after the last change before reloading: editors and deployments write in several steps.</summary>
    public int WatchDebounceMs { get; set; } = DefaultWatchDebounceMs;

    public const int DefaultWatchDebounceMs = 500;

    public const int MaxWatchDebounceMs = 60_000;

    /// <summary>
    /// Where the gateway keeps what must outlive a restart (the history of applied config versions, the
    /// operations it served recently); created owner-only. Never inside gateway-config, which may be read-only.
    /// </summary>
    public string StateDirectory { get; set; } = DefaultStateDirectory();

    public string ResolveConfigPath() =>
        Path.IsPathRooted(ConfigPath) ? ConfigPath : Path.Combine(AppContext.BaseDirectory, ConfigPath);

    /// <summary>The per-user application data folder (~/.local/share/crmfed on Linux), or the temp folder where there is none.</summary>
    private static string DefaultStateDirectory()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(data) ? Path.GetTempPath() : data, "crmfed");
    }
}

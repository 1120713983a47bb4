using Microsoft.AspNetCore.HostFiltering;

namespace CrmFederation.Gateway.Host;

/// <summary>
/// The host names the gateway answers (ASP.NET Core's host filtering, setting <c>AllowedHosts</c>,
/// ';'-separated). The web host's own default for an unset value is every name, which lets a web page
/// whose name resolves to the gateway's address (DNS rebinding) read it; here unset means the loopback
/// names only, until the names clients use are configured. Demo mode always adds the loopback names,
/// so its examples work whatever is configured.
/// </summary>
public static class AllowedHostsDefaults
{
    public const string Key = "AllowedHosts";

    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Runs after the web host's own post-configuration, reading the setting when the options are first used.</summary>
    public static IServiceCollection AddAllowedHostsDefaults(this IServiceCollection services, IConfiguration configuration, bool demo) =>
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = Hosts(configuration[Key], demo));

    private static List<string> Hosts(string? setting, bool demo)
    {
        var configured = (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Length == 0)
        {
            return [.. Loopback];
        }

        return demo && !configured.Contains("*")
            ? [.. configured.Union(Loopback, StringComparer.OrdinalIgnoreCase)]
            : [.. configured];
    }
}

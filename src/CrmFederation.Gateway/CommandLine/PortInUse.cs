using System.Text.RegularExpressions;

namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>
/// Turns Kestrel's "address already in use" failure, for the gateway's own port or a demo sample
/// system's, into one message that names the port and the setting that moves it.
/// </summary>
public static partial class PortInUse
{
    /// <summary>The demo's sample systems: their port settings and default ports.</summary>
    private static readonly (string Setting, string System, int DefaultPort)[] DemoPorts =
    [
        ("Demo:CrmPort", "CRM", 7101),
        ("Demo:ErpPort", "ERP", 7102),
        ("Demo:HelpdeskPort", "helpdesk", 7103),
        ("Demo:CommercePort", "commerce", 7104),
    ];

    /// <summary>The message for <paramref name="exception"/>, or null when it is not a busy port.</summary>
    public static string? Describe(Exception exception, Func<string, string?> configuration, bool demoSystems)
    {
        var busy = exception.InnerException?.GetType().Name == "AddressInUseException" || exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
        if (exception is not IOException || !busy)
        {
            return null;
        }

        var address = BoundAddress().Match(exception.Message) is { Success: true } match ? match.Groups["address"].Value : "its address";
        var port = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : (int?)null;
        if (demoSystems)
        {
            var (setting, system, defaultPort) = DemoPorts.FirstOrDefault(p => PortOf(configuration(p.Setting), p.DefaultPort) == port);
            return setting is null
                ? $"A demo sample system cannot listen on {address}: the port is in use. Move them with --Demo:CrmPort, --Demo:ErpPort, --Demo:HelpdeskPort and --Demo:CommercePort (defaults 7101-7104; env Demo__CrmPort, …)."
                : $"The demo {system} sample system cannot listen on {address}: port {port} is in use (another gateway in demo mode?). " +
                  $"Stop what uses it, or move the {system} with --{setting}={defaultPort + 100} (env {setting.Replace(":", "__", StringComparison.Ordinal)}); " +
                  "the sample systems use Demo:CrmPort, Demo:ErpPort, Demo:HelpdeskPort and Demo:CommercePort (7101-7104).";
        }

        var next = port is { } busyPort ? $"http://localhost:{busyPort + 1}" : "http://localhost:5081";
        return $"The gateway cannot listen on {address}: port {port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} is in use (another gateway running?). " +
            $"Stop what uses it, or listen elsewhere: --urls {next} (or ASPNETCORE_URLS={next}).";
    }

    private static int PortOf(string? setting, int defaultPort) =>
        int.TryParse(setting, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : defaultPort;

    [GeneratedRegex(@"address (?<address>\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();
}

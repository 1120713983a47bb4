using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CrmFederation.Gateway.Schema;

namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>
/// Reads the gateway's command line: <c>[run] [options]</c>, <c>validate [DIR] [options]</c>,
/// <c>healthcheck URL</c>, <c>help [COMMAND]</c>. Nothing unknown is ignored. ASP.NET Core's own
/// arguments pass through to the host: its settings (<c>--urls</c>, <c>--environment</c>, …), any
/// configuration key with a section (<c>--Gateway:Demo=true</c>) and keys written like environment
/// variables (<c>--CRMFED_API_KEYS=…</c>), each as <c>--key=value</c> or <c>--key value</c>.
/// </summary>
public static partial class CommandLineParser
{
    public const string Run = "run";
    public const string Validate = "validate";
    public const string Healthcheck = "healthcheck";
    public const string Help = "help";

    public static readonly IReadOnlyList<string> Commands = [Run, Validate, Healthcheck, Help];

    /// <summary>ASP.NET Core's and the generic host's own settings (WebHostDefaults, HostDefaults), which take a value.</summary>
    private static readonly FrozenSet<string> HostSettings = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "urls", "environment", "contentRoot", "applicationName", "webroot", "http_ports", "https_ports", "https_port",
        "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "preventHostingStartup", "hostingStartupAssemblies",
        "hostingStartupExcludeAssemblies", "suppressStatusMessages", "startupAssembly", "AllowedHosts");

    private static readonly string[] RunFlags = ["--demo", "--help"];

    private static readonly string[] ValidateOptions = ["--against", "--allow-breaking", "--require-secrets", "--help"];

    public static GatewayCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && IsHelp(args[0]))
        {
            return new HelpCommand(null);
        }

        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            return ParseRun(args);
        }

        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            Run => ParseRun(rest),
            Validate => ParseValidate(rest),
            Healthcheck => ParseHealthcheck(rest),
            Help => rest switch
            {
                [] => new HelpCommand(null),
                [var command] when Commands.Contains(command) => new HelpCommand(command),
                _ => UnknownCommand(rest[0]),
            },
            _ => UnknownCommand(args[0]),
        };
    }

    private static GatewayCommand ParseRun(IReadOnlyList<string> args)
    {
        var hostArguments = new List<string>();
        var demo = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsHelp(arg))
            {
                return new HelpCommand(Run);
            }

            if (arg == "--demo")
            {
                demo = true;
                continue;
            }

            if (!arg.StartsWith('-'))
            {
                return new UsageError($"Unexpected argument '{arg}'.", "The gateway takes options only; run with --help to see them.");
            }

            var (name, value) = Split(arg);
            if (!IsHostSetting(name))
            {
                return UnknownOption(arg, name, RunFlags.Concat(HostSettings.Select(s => "--" + s)), Run);
            }

            hostArguments.Add(arg);
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return new UsageError($"Option '{arg}' needs a value.", $"Write {arg}=VALUE or {arg} VALUE.");
                }

                hostArguments.Add(args[++i]);
            }
        }

        return new RunCommand(hostArguments, demo);
    }

    private static GatewayCommand ParseValidate(IReadOnlyList<string> args)
    {
        string? directory = null;
        string? against = null;
        bool allowBreaking = false, requireSecrets = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, value) = Split(arg);
            switch (name)
            {
                case var _ when IsHelp(arg):
                    return new HelpCommand(Validate);
                case "--against":
                    against = value ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : null);
                    if (string.IsNullOrEmpty(against))
                    {
                        return new UsageError("Option '--against' needs a directory.", "Example: validate gateway-config --against ../main/gateway-config");
                    }

                    break;
                case "--allow-breaking" when value is null:
                    allowBreaking = true;
                    break;
                case "--require-secrets" when value is null:
                    requireSecrets = true;
                    break;
                case var _ when arg.StartsWith('-'):
                    return UnknownOption(arg, name, ValidateOptions, Validate);
                case var _ when directory is null:
                    directory = arg;
                    break;
                default:
                    return new UsageError($"Unexpected argument '{arg}': validate checks one directory.", "Compare with an older one with --against OLD_DIR.");
            }
        }

        return new ValidateCommand(directory, against, allowBreaking, requireSecrets);
    }

    private static GatewayCommand ParseHealthcheck(IReadOnlyList<string> args) => args switch
    {
        [var help] when IsHelp(help) => new HelpCommand(Healthcheck),
        [var url] when Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) =>
            new HealthcheckCommand(uri),
        _ => new UsageError("healthcheck takes one absolute http(s) URL.", "Example: healthcheck http://localhost:8080/health/ready"),
    };

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "-?";

    /// <summary>A host setting, a configuration key with a section, or a key written like an environment variable.</summary>
    private static bool IsHostSetting(string name) =>
        name.StartsWith("--", StringComparison.Ordinal)
        && (HostSettings.Contains(name[2..]) || name.Contains(':', StringComparison.Ordinal) || EnvironmentStyleKey().IsMatch(name[2..]));

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static UsageError UnknownCommand(string command) =>
        new($"Unknown command '{command}'.", $"{Suggestions.For(command, Commands)} Run with --help to see every command.");

    private static UsageError UnknownOption(string arg, string name, IEnumerable<string> known, string command) =>
        new($"Unknown option '{arg}' for '{command}'.",
            $"{Suggestions.For(name, known)} Configuration keys take a section (--Gateway:Demo=true); run '{command} --help' to see every option.");

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex EnvironmentStyleKey();
}

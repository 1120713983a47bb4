using System.Collections;
using System.Globalization;
using System.Text;

namespace CrmFederation.SampleSystems.Hosting;

/// <summary>
/// Reads <see cref="SampleSystemsOptions"/> from environment variables, then from flags
/// (<c>--crm-port 7101</c> or <c>--crm-port=7101</c>), flags winning. Unknown flags are errors, so a
/// typo does not silently start the systems with defaults.
/// </summary>
internal static class CommandLine
{
    public static readonly CommandLineFlag[] Flags =
    [
        new("--crm-port", "CRM port (0 = any free port)", (o, v) => Int(v, 0, 65535, x => o.CrmPort = x)),
        new("--erp-port", "ERP port", (o, v) => Int(v, 0, 65535, x => o.ErpPort = x)),
        new("--helpdesk-port", "helpdesk port", (o, v) => Int(v, 0, 65535, x => o.HelpdeskPort = x)),
        new("--commerce-port", "commerce port", (o, v) => Int(v, 0, 65535, x => o.CommercePort = x)),
        new("--seed", "data seed", (o, v) => Int(v, int.MinValue, int.MaxValue, x => o.Seed = x)),
        new("--customers", "number of CRM customers", (o, v) => Int(v, 1, 999_999, x => o.CustomerCount = x)),
        new("--latency-ms", "fixed delay before every answer", (o, v) => Int(v, 0, 600_000, x => o.LatencyMs = x)),
        new("--jitter-ms", "random extra delay, 0 to this", (o, v) => Int(v, 0, 600_000, x => o.JitterMs = x)),
        new("--crm-token-lifetime-seconds", "CRM access token lifetime", (o, v) => Int(v, 1, int.MaxValue, x => o.CrmTokenLifetime = TimeSpan.FromSeconds(x))),
        new("--helpdesk-rate-limit", "helpdesk requests per second before 429 (0 = unlimited)", (o, v) => Double(v, x => o.HelpdeskRateLimitPerSecond = x)),
        new("--bind", "address to listen on", (o, v) => Text(v, x => o.BindAddress = x)),
    ];

    /// <summary>Null with <paramref name="error"/> set on a bad flag or value; null with no error for --help.</summary>
    public static SampleSystemsOptions? TryParse(IReadOnlyList<string> args, IDictionary environment, out string? error)
    {
        error = null;
        var options = new SampleSystemsOptions();
        foreach (var flag in Flags)
        {
            if (environment[flag.EnvironmentVariable] is string value && !flag.Apply(options, value))
            {
                error = $"{flag.EnvironmentVariable}: '{value}' is not a valid {flag.Help}.";
                return null;
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                return null;
            }

            var (name, value) = Split(args[i]);
            var flag = Array.Find(Flags, f => f.Name == name);
            if (flag is null)
            {
                error = $"Unknown argument '{args[i]}'.";
                return null;
            }

            value ??= i + 1 < args.Count ? args[++i] : null;
            if (value is null || !flag.Apply(options, value))
            {
                error = $"{flag.Name}: '{value}' is not a valid {flag.Help}.";
                return null;
            }
        }

        return options;
    }

    public static string Usage()
    {
        var usage = new StringBuilder("usage: CrmFederation.SampleSystems [flags]   (each flag also as an environment variable)\n");
        foreach (var flag in Flags)
        {
            usage.Append(CultureInfo.InvariantCulture, $"  {flag.Name,-30} {flag.EnvironmentVariable,-42} {flag.Help}\n");
        }

        return usage.ToString();
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static bool Int(string text, int min, int max, Action<int> set)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            return false;
        }

        set(value);
        return true;
    }

    private static bool Double(string text, Action<double> set)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            return false;
        }

        set(value);
        return true;
    }

    private static bool Text(string text, Action<string> set)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        set(text);
        return true;
    }
}

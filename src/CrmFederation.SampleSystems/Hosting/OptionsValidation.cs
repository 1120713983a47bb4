namespace CrmFederation.SampleSystems.Hosting;

/// <summary>Refuses options the systems cannot start with, naming the option.</summary>
internal static class OptionsValidation
{
    public static void ThrowIfInvalid(SampleSystemsOptions options)
    {
        Port(options.CrmPort, nameof(options.CrmPort));
        Port(options.ErpPort, nameof(options.ErpPort));
        Port(options.HelpdeskPort, nameof(options.HelpdeskPort));
        Port(options.CommercePort, nameof(options.CommercePort));
        Require(options.CustomerCount is >= 1 and <= 999_999, nameof(options.CustomerCount), "must be from 1 to 999999");
        Require(options.LatencyMs >= 0, nameof(options.LatencyMs), "must be >= 0");
        Require(options.JitterMs >= 0, nameof(options.JitterMs), "must be >= 0");
        Require(options.CrmTokenLifetime > TimeSpan.Zero, nameof(options.CrmTokenLifetime), "must be positive");
        Require(options.HelpdeskRateLimitPerSecond >= 0, nameof(options.HelpdeskRateLimitPerSecond), "must be >= 0 (0 = unlimited)");
        Require(!string.IsNullOrWhiteSpace(options.BindAddress), nameof(options.BindAddress), "must be an IP address or localhost");
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
    }

    private static void Port(int port, string name) => Require(port is >= 0 and <= 65535, name, "must be from 0 to 65535 (0 = any free port)");

    private static void Require(bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentException($"{nameof(SampleSystemsOptions)}.{name} {rule}.", name);
        }
    }
}

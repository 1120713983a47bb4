using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Host settings of graceful shutdown (section <c>Gateway:Shutdown</c>): on SIGTERM the gateway answers
/// <c>/health/ready</c> with 503 at once, keeps serving for <see cref="DrainSeconds"/> so that load
/// balancers stop sending it requests, then stops listening and gives the requests in flight
/// <see cref="TimeoutSeconds"/> to finish before it aborts them and exits.
/// </summary>
public sealed class ShutdownSettings
{
    public const string SectionName = "Gateway:Shutdown";

    public int DrainSeconds { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The host's shutdown budget: the drain, then the requests in flight.</summary>
    public TimeSpan HostShutdownTimeout => TimeSpan.FromSeconds(DrainSeconds + TimeoutSeconds);

    /// <summary>The section's settings; refuses values that make no sense, naming the setting.</summary>
    public static ShutdownSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<ShutdownSettings>() ?? new ShutdownSettings();
        Require(settings.DrainSeconds is >= 0 and <= 3600, nameof(DrainSeconds), settings.DrainSeconds);
        Require(settings.TimeoutSeconds is >= 0 and <= 3600, nameof(TimeoutSeconds), settings.TimeoutSeconds);
        return settings;
    }

    private static void Require(bool valid, string name, int value)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{SectionName}:{name} is {value}; it must be a whole number of seconds from 0 to 3600.");
        }
    }
}

namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>Probe a URL for the container health check: exit 0 when it answers 2xx.</summary>
public sealed record HealthcheckCommand(Uri Url) : GatewayCommand;

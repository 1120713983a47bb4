namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>
/// Check a gateway-config directory without starting a server, and with <paramref name="Against"/> compare
/// its public schema with an older one's. A null <paramref name="Directory"/> means the one the server would load.
/// </summary>
public sealed record ValidateCommand(string? Directory, string? Against, bool AllowBreaking, bool RequireSecrets) : GatewayCommand;

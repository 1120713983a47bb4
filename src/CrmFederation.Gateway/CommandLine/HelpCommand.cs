namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>Print the usage of every command, or of <paramref name="Command"/> only.</summary>
public sealed record HelpCommand(string? Command) : GatewayCommand;

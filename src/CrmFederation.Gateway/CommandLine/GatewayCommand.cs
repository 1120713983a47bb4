namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>What the command line asks the gateway executable to do.</summary>
public abstract record GatewayCommand;

namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>
/// Serve GraphQL (the default command). <paramref name="HostArguments"/> are the ASP.NET Core arguments
/// (<c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>) for the host's configuration.
/// </summary>
public sealed record RunCommand(IReadOnlyList<string> HostArguments, bool Demo) : GatewayCommand;

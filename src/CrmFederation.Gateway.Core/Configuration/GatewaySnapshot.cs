using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL.Types;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// One loaded, fully valid gateway-config together with the executable schema built from it. Requests
/// take the current snapshot once and use it throughout, so a reload can never mix two configs.
/// </summary>
public sealed record GatewaySnapshot(
    string Version,
    GatewaySettingsConfig Settings,
    AccessModel Access,
    AccessPolicy Policy,
    ISchema Schema,
    Entity Root,
    IReadOnlyDictionary<string, SourceDefinition> Sources,
    IReadOnlyDictionary<string, SourceClient> Clients,
    IReadOnlyList<ConfigDiagnostic> Warnings)
{
    /// <summary>The texts this snapshot was compiled from, for the admin API and the config history.</summary>
    public required ConfigFileSet Files { get; init; }
}

namespace CrmFederation.Gateway.Configuration;

/// <summary>Everything read from a gateway-config directory, before its meaning is checked.</summary>
public sealed record RawGatewayConfig(
    string Directory,
    string Version,
    ConfigFile<GatewaySettingsConfig> Settings,
    ConfigFile<AccessConfig>? Access,
    ConfigFile<TrustedDocumentsConfig>? TrustedDocuments,
    ConfigFile<PoliciesConfig>? Policies,
    IReadOnlyList<SchemaFile> SchemaFiles,
    IReadOnlyList<ConfigFile<SourceConfig>> Sources,
    IReadOnlyList<ConfigFile<BindingsFileConfig>> Bindings);
